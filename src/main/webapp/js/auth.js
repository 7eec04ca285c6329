// Panel 1: register, sign in (in the service's browser cookie mode), and resume a session after a reload.

import { $, duration, showMessage } from './dom.js';
import { call, problemSummary, renderExchange, renderPending } from './http.js';
import { refreshWithCookie, setResuming, signIn, username as signedInAs } from './session.js';

// a silent refresh that hangs must not keep the sign-in button disabled for long
const RESUME_TIMEOUT_MS = 10_000;

let resuming = false;

function credentials() {
    return { username: $('username').value.trim(), password: $('password').value };
}

async function register() {
    const { username, password } = credentials();
    const body = { username, password };
    const displayName = $('display-name').value.trim();
    if (displayName) body.displayName = displayName;
    $('token-source').hidden = true;
    renderPending($('auth-result'), 'POST', '/api/users');
    const exchange = await call('POST', '/api/users', { body });
    renderExchange($('auth-result'), exchange);
    if (exchange.status === 201) {
        showMessage('auth-message', `Registered ${exchange.json?.username ?? username}. Now sign in.`, 'ok');
    } else {
        showMessage('auth-message', `Not registered: ${problemSummary(exchange)}`, 'bad');
    }
}

async function login(event) {
    event?.preventDefault();
    if (resuming) return; // the refresh cookie is being spent: a second sign-in would race it for the cookie
    const { username, password } = credentials();
    $('token-source').hidden = true;
    renderPending($('auth-result'), 'POST', '/api/auth/login');
    const exchange = await call('POST', '/api/auth/login', { body: { username, password }, cookie: true });
    renderExchange($('auth-result'), exchange);
    if (exchange.status !== 200 || !exchange.json?.access_token) {
        showMessage('auth-message', `Not signed in: ${problemSummary(exchange)}`, 'bad');
        return;
    }
    $('password').value = ''; // the password is not needed any more: the token stands in for it
    signIn(exchange.json.access_token, username);
    showTokenSource(exchange);
    showMessage('auth-message', `Signed in as ${signedInAs()}. The access token is valid for ${
        duration(exchange.json.expires_in ?? 0)}.`, 'ok');
}

/** The access token twice (JSON body, Authorization response header), and where the refresh token went. */
function showTokenSource(exchange) {
    const fromBody = exchange.json?.access_token ?? '';
    const header = exchange.response.headers.get('Authorization') ?? '';
    const fromHeader = header.replace(/^Bearer\s+/i, '');
    $('token-body').textContent = fromBody || '(none)';
    $('token-header').textContent = header || '(no Authorization header in the response)';
    const match = $('token-match');
    if (fromBody && fromBody === fromHeader) {
        match.textContent = '✓ match: the header carries the same token as the body';
        match.dataset.match = 'true';
    } else {
        match.textContent = '✗ the header and the body differ';
        match.dataset.match = 'false';
    }
    $('token-refresh').textContent = exchange.json?.refresh_token
        ? 'In the response body: the server did not use cookie mode, so a reload will sign you out.'
        : 'Not in the body: the server set it in an httpOnly cookie, which no script on this page can read.';
    $('token-source').hidden = false;
}

// the answers that only mean "no session to resume": no cookie at all (400, nothing was sent), a spent, expired or
// ended one (401, and the server clears it), or a cookie that failed the CSRF check (403)
const NOTHING_TO_RESUME = [400, 401, 403];

/**
 * One silent refresh when the page loads: if the browser holds a live refresh cookie, the page is signed in again.
 * When there is nothing to resume the page stays signed out without a word; anything else (the service
 * unreachable, a 503) is shown, because the user may have expected to be signed in.
 */
export async function resumeSession() {
    resuming = true;
    $('login').disabled = true;
    setResuming(true);
    try {
        const exchange = await refreshWithCookie({ signal: AbortSignal.timeout(RESUME_TIMEOUT_MS) });
        if (exchange.status === 200 && exchange.json?.access_token) {
            renderExchange($('auth-result'), exchange,
                'Resumed: the browser sent the httpOnly refresh cookie, and the server answered with a new access '
                + 'token and a new cookie.');
            showMessage('auth-message', `Signed in again as ${signedInAs()} with the refresh cookie. The access token `
                + `is valid for ${duration(exchange.json.expires_in ?? 0)}.`, 'ok');
        } else if (!NOTHING_TO_RESUME.includes(exchange.status)) {
            renderExchange($('auth-result'), exchange);
            showMessage('auth-message', `Could not resume the session: ${problemSummary(exchange)}`, 'bad');
        }
    } finally {
        resuming = false;
        $('login').disabled = false;
        setResuming(false);
    }
}

export function wireAuth() {
    $('auth-form').addEventListener('submit', login);
    $('register').addEventListener('click', register);
}
