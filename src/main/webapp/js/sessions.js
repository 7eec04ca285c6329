// Panel 4: list and end sessions, refresh the access token with the refresh cookie, sign out, and show that the
// server refuses the previous access token once its session has ended.

import { $, el, showMessage } from './dom.js';
import { call, callInto, problemSummary, renderExchange, renderPending } from './http.js';
import { accessToken, onChange, previousAccessToken, refreshWithCookie, signOut } from './session.js';

const explainOld = (x) => (x.status === 401
    ? '401 Unauthorized: the token still has a valid signature and time left, but the server refuses it now.'
    : x.status === 200 ? 'Still accepted: refreshing does not revoke an access token, it just stops being renewed. '
        + 'Sign out to see the server refuse it.' : problemSummary(x));

async function listSessions() {
    if (!accessToken()) return;
    const exchange = await callInto('session-result', 'GET', '/api/me/sessions', accessToken(),
        (x) => (x.status === 200 && Array.isArray(x.json)
            ? `${x.json.length} active session${x.json.length === 1 ? '' : 's'}.` : problemSummary(x)));
    const list = $('sessions');
    list.replaceChildren();
    if (exchange.status !== 200 || !Array.isArray(exchange.json)) return;
    for (const s of exchange.json) {
        const end = el('button', { type: 'button', class: 'secondary small', 'data-session': s.id,
            text: s.current ? 'End this session' : 'End session' });
        end.addEventListener('click', () => endSession(s.id, s.current));
        list.append(el('li', { class: s.current ? 'current' : '', 'data-session-id': s.id },
            el('div', { class: 'session-head' },
                el('code', { text: s.id }), s.current ? el('span', { class: 'badge current', text: 'current' }) : null),
            el('div', { class: 'session-meta' },
                `started ${new Date(s.createdAt).toLocaleString()} · last used ${
                    s.lastUsedAt ? new Date(s.lastUsedAt).toLocaleString() : '—'}`),
            el('div', { class: 'session-agent', text: s.userAgent || '(no user agent)' }),
            end));
    }
}

async function endSession(id, current) {
    const path = `/api/me/sessions/${encodeURIComponent(id)}`;
    const exchange = await callInto('session-result', 'DELETE', path, accessToken(),
        (x) => (x.status === 204 ? (current
            ? 'This session is ended: its refresh cookie is dead and its access token is refused.'
            : 'That session is ended: its refresh token can no longer be used.') : problemSummary(x)));
    if (exchange.status === 204 && current) {
        signOut();
        showMessage('auth-message', 'You ended the current session: signed out.', 'bad');
        return;
    }
    if (exchange.status === 204) await refreshListQuietly();
}

async function refreshListQuietly() {
    const exchange = await call('GET', '/api/me/sessions', { token: accessToken() });
    if (exchange.status !== 200) return;
    const ids = new Set(exchange.json.map((s) => s.id));
    for (const item of [...$('sessions').children]) {
        if (!ids.has(item.dataset.sessionId)) item.remove();
    }
}

async function refresh() {
    if (!accessToken()) return;
    const container = $('session-result');
    renderPending(container, 'POST', '/api/auth/refresh');
    const exchange = await refreshWithCookie();
    if (exchange.status === 200 && exchange.json?.access_token) {
        renderExchange(container, exchange, 'A new access token replaces the old one, and a new refresh cookie the '
            + 'old one (the browser stored it without showing it to this page); the old refresh token is spent.');
        return;
    }
    // 400: the browser sent no cookie at all (it expired or was removed); the access token still works until exp
    const reason = exchange.status === 400
        ? 'the browser sent no refresh cookie (it expired or was removed). Sign in again to get a new one.'
        : problemSummary(exchange);
    renderExchange(container, exchange, `Refresh refused: ${reason}`);
    if (exchange.status === 401) {
        signOut();
        showMessage('auth-message', 'The session has ended: sign in again.', 'bad');
    }
}

/** With the cookie-mode header, so the server clears the refresh cookie as well as ending the session. */
const logoutCall = () => call('POST', '/api/auth/logout', { token: accessToken(), cookie: true });

async function logout() {
    if (!accessToken()) return;
    const container = $('session-result');
    renderPending(container, 'POST', '/api/auth/logout');
    let exchange = await logoutCall();
    if (exchange.status === 401) {
        // An expired access token cannot sign out, but the cookie would still resume the session on the next
        // load: get a fresh access token with it and sign out with that. If the cookie is refused too, the
        // session is over already (and the server has cleared the cookie).
        const renewed = await refreshWithCookie();
        if (renewed.status === 200 && renewed.json?.access_token) exchange = await logoutCall();
    }
    renderExchange(container, exchange, exchange.status === 204
        ? 'Signed out: the server ended the session and cleared the refresh cookie. The page forgot the access '
            + 'token but kept it to show that the server now refuses it.'
        : problemSummary(exchange));
    if (exchange.status === 204 || exchange.status === 401) {
        signOut();
        showMessage('auth-message', 'Signed out.', 'ok');
    }
}

export function wireSessions() {
    $('list-sessions').addEventListener('click', listSessions);
    $('refresh').addEventListener('click', refresh);
    $('logout').addEventListener('click', logout);
    $('call-old-token').addEventListener('click',
        () => callInto('session-result', 'GET', '/api/me', previousAccessToken(), explainOld));
    onChange(({ signedIn, previousAccessToken: previous }) => {
        for (const id of ['list-sessions', 'refresh', 'logout']) $(id).disabled = !signedIn;
        $('call-old-token').disabled = !previous;
        if (!signedIn) $('sessions').replaceChildren();
    });
}
