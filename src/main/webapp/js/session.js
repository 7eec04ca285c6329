// The signed-in state, and the status bar that shows it.
//
// The access token lives in this module's variables only (memory): never localStorage, sessionStorage or
// document.cookie. A module's top-level bindings are not properties of `window`, so they are not even reachable
// by name. The refresh token is not here at all: the server keeps it in an httpOnly cookie no script can read,
// and the browser sends it only to /api/auth.

import { $, duration } from './dom.js';
import { call } from './http.js';
import { readClaims } from './jwt.js';

const state = {
    username: null,
    accessToken: null,
    previousAccessToken: null,
    resuming: false,
};

const changeListeners = [];
const tokenListeners = [];

export const accessToken = () => state.accessToken;
export const previousAccessToken = () => state.previousAccessToken;
export const username = () => state.username;

function view() {
    return { signedIn: Boolean(state.accessToken), previousAccessToken: state.previousAccessToken };
}

/** Called now and on every change of the signed-in state: panels enable what a session allows. */
export function onChange(listener) {
    changeListeners.push(listener);
    listener(view());
}

/** Called with (current, previous) whenever a new access token arrives: at sign-in and at refresh. */
export function onNewAccessToken(listener) {
    tokenListeners.push(listener);
}

function changed(newToken, replaced) {
    renderSessionState();
    for (const listener of changeListeners) listener(view());
    if (newToken) {
        for (const listener of tokenListeners) listener(newToken, replaced);
    }
}

/** The username comes from the token's upn claim: after a reload nothing else knows it. */
export function signIn(token, typedUsername) {
    const replaced = state.accessToken;
    state.username = readClaims(token)?.upn ?? typedUsername ?? '(unknown user)';
    state.accessToken = token;
    changed(token, replaced);
}

function renew(token) {
    state.previousAccessToken = state.accessToken;
    state.accessToken = token;
    changed(token, state.previousAccessToken);
}

export function signOut() {
    if (state.accessToken) state.previousAccessToken = state.accessToken;
    state.accessToken = null;
    changed(null, null);
}

/** While the page looks for a session to resume, the status bar says so instead of "Signed out". */
export function setResuming(resuming) {
    state.resuming = resuming;
    renderSessionState();
}

/**
 * Spends the refresh cookie for a new access token (and a new cookie, which only the browser sees). The empty
 * JSON body says "the token is in the cookie". On 200 the page is signed in with the new access token: again,
 * after a reload, or still, when it was signed in already.
 */
export async function refreshWithCookie({ signal } = {}) {
    const exchange = await call('POST', '/api/auth/refresh', { body: {}, cookie: true, signal });
    const token = exchange.status === 200 ? exchange.json?.access_token : undefined;
    if (token && state.accessToken) renew(token);
    else if (token) signIn(token);
    return exchange;
}

export function renderSessionState() {
    const bar = $('session-state');
    const signedIn = Boolean(state.accessToken);
    bar.dataset.signedIn = String(signedIn);
    if (signedIn) {
        const exp = readClaims(state.accessToken)?.exp;
        let text = `Signed in as ${state.username}`;
        if (typeof exp === 'number') {
            const left = exp - Date.now() / 1000;
            text += left > 0 ? ` · access token expires in ${duration(left)}` : ' · access token expired: refresh it';
        }
        bar.textContent = `${text} · access token in memory, refresh token in an httpOnly cookie`;
    } else if (state.resuming) {
        bar.textContent = 'Looking for a session to resume…';
    } else {
        bar.textContent = state.previousAccessToken ? 'Signed out · the previous token is kept to show it is refused'
            : 'Signed out';
    }
}

/** The countdown in the status bar, once a second. */
export function tick() {
    if (state.accessToken) renderSessionState();
}
