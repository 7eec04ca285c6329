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

// Tabs of this page share one refresh cookie. Two tabs refreshing from it at once would present one refresh token
// twice: the server forgives that within its reuse grace, but the page does not lean on it. A Web Lock lets one tab
// refresh at a time, and a BroadcastChannel hands the answer to the other tabs, so a tab that waited for the lock
// takes the fresh access token instead of spending the cookie again. Where either API is missing, tabs refresh
// on their own and the grace covers them.
const REFRESH_LOCK = 'jwt-auth-refresh';
const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('jwt-auth-refresh') : null;
let lastFromAnotherTab = null;

tabs?.addEventListener('message', (event) => {
    const exchange = event.data;
    const token = exchange?.json?.access_token;
    if (typeof token !== 'string') return;
    lastFromAnotherTab = { exchange: { ...exchange, fromAnotherTab: true }, at: Date.now() };
    // a signed-in tab of the same user keeps the fresher token; a signed-out tab stays signed out
    if (state.accessToken && readClaims(token)?.sub === readClaims(state.accessToken)?.sub) adopt(token);
});

/**
 * Spends the refresh cookie for a new access token (and a new cookie, which only the browser sees). The empty
 * JSON body says "the token is in the cookie". On 200 the page is signed in with the new access token: again,
 * after a reload, or still, when it was signed in already. If another tab of the page refreshed while this one
 * waited its turn, its answer is this one's too.
 */
export async function refreshWithCookie({ signal } = {}) {
    if (!navigator.locks) return refreshNow(signal);
    const asked = Date.now();
    return navigator.locks.request(REFRESH_LOCK, { signal }, async () => {
        const shared = lastFromAnotherTab;
        if (shared && shared.at >= asked) {
            adopt(shared.exchange.json.access_token);
            return shared.exchange;
        }
        return refreshNow(signal);
    });
}

async function refreshNow(signal) {
    const exchange = await call('POST', '/api/auth/refresh', { body: {}, cookie: true, signal });
    const token = exchange.status === 200 ? exchange.json?.access_token : undefined;
    if (token) {
        adopt(token);
        const { response, ...shareable } = exchange; // a Response cannot cross to another tab
        tabs?.postMessage(shareable);
    }
    return exchange;
}

function adopt(token) {
    if (token === state.accessToken) return;
    if (state.accessToken) renew(token);
    else signIn(token);
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
