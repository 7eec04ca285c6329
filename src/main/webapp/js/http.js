// HTTP for the page: one helper that records everything the page shows about a call, and the rendering of
// such a record as request line, status line, response headers and body.

import { $, el, abbreviate } from './dom.js';

const STATUS_TEXT = {
    200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
    404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Content Too Large',
    415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/**
 * Calls the API. The access token, if given, travels in the Authorization header. `cookie: true` opts in to the
 * service's browser cookie mode: the X-Token-Transport header asks for it (a cross-site form cannot send such a
 * header), and same-origin credentials let the browser store the httpOnly refresh cookie from the answer and send
 * it back. Every other call omits cookies, so nothing but the header authenticates it.
 */
export async function call(method, path, { token, body, cookie = false, signal } = {}) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    if (cookie) headers['X-Token-Transport'] = 'cookie';
    const exchange = { method, path, token, body, cookie, started: performance.now() };
    try {
        const response = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: cookie ? 'same-origin' : 'omit',
            // mode stays 'cors' (fetch's default): in that mode the browser sends the page's real Origin, which the
            // server's same-origin check reads, even under this page's Referrer-Policy: no-referrer; 'same-origin'
            // or 'no-cors' would send "Origin: null" and have every cookie-mode call refused with 403
            cache: 'no-store',
            signal,
        });
        exchange.status = response.status;
        exchange.statusText = response.statusText || STATUS_TEXT[response.status] || '';
        exchange.headers = [...response.headers.entries()];
        exchange.response = response;
        exchange.text = await response.text();
        try {
            exchange.json = exchange.text ? JSON.parse(exchange.text) : undefined;
        } catch {
            exchange.json = undefined;
        }
    } catch (error) {
        exchange.error = `The request failed before an answer came: ${error.message}`;
    }
    exchange.ms = Math.round(performance.now() - exchange.started);
    return exchange;
}

function statusClass(status) {
    if (status >= 200 && status < 300) return 'ok';
    if (status >= 400 && status < 500) return 'refused';
    return 'bad';
}

export function renderPending(container, method, path) {
    container.dataset.status = '';
    container.dataset.request = `${method} ${path}`;
    container.replaceChildren(el('p', { class: 'pending', text: `${method} ${path} …` }));
}

/** What authenticated a call: the bearer token, the refresh cookie the browser attaches, or nothing. */
function credentialsSent(exchange) {
    const sent = [];
    if (exchange.token) sent.push('Authorization: Bearer ', el('code', { text: abbreviate(exchange.token) }));
    if (exchange.cookie) {
        sent.push(sent.length ? ' · ' : '', el('code', { text: 'X-Token-Transport: cookie' }),
            ' (the browser attaches the httpOnly refresh cookie if it holds one)');
    }
    return sent.length ? sent : 'no Authorization header';
}

/** Shows a call as request line, status line, response headers and body. */
export function renderExchange(container, exchange, note) {
    const request = el('p', { class: 'request' },
        el('span', { class: 'method', text: exchange.method }), ' ', el('code', { text: exchange.path }),
        el('span', { class: 'auth-sent' }, credentialsSent(exchange)));
    const parts = [request];
    if (exchange.body !== undefined) {
        const shown = { ...exchange.body };
        if ('password' in shown) shown.password = '•'.repeat(Math.min(String(shown.password).length, 12));
        parts.push(el('details', { class: 'request-body' }, el('summary', { text: 'Request body' }),
            el('pre', { class: 'code', text: JSON.stringify(shown, null, 2) })));
    }
    if (exchange.error) {
        container.dataset.status = 'error';
        parts.push(el('p', { class: 'status bad', text: exchange.error }));
        container.replaceChildren(...parts);
        return;
    }
    container.dataset.status = String(exchange.status);
    parts.push(el('p', { class: `status ${statusClass(exchange.status)}` },
        el('span', { class: 'code-number', text: String(exchange.status) }), ' ',
        el('span', { text: exchange.statusText }), el('span', { class: 'timing', text: `${exchange.ms} ms` })));
    if (note) parts.push(el('p', { class: 'note', text: note }));
    const headerList = el('dl', { class: 'headers' });
    for (const [name, value] of exchange.headers) {
        headerList.append(el('dt', { text: name }), el('dd', { text: value }));
    }
    parts.push(el('details', { class: 'response-headers', open: true },
        el('summary', { text: `Response headers (${exchange.headers.length})` }), headerList));
    let bodyText;
    if (!exchange.text) bodyText = '(empty body)';
    else if (exchange.json !== undefined) bodyText = JSON.stringify(exchange.json, null, 2);
    else bodyText = exchange.text;
    parts.push(el('pre', { class: `code body${exchange.text ? '' : ' empty'}`, text: bodyText }));
    container.replaceChildren(...parts);
}

/** Calls with the given access token (or none) and shows the exchange in a result area. */
export async function callInto(containerId, method, path, token, note) {
    const container = $(containerId);
    renderPending(container, method, path);
    const exchange = await call(method, path, { token });
    renderExchange(container, exchange, note?.(exchange));
    return exchange;
}

/** A one-line reading of a problem+json answer, field errors included. */
export function problemSummary(exchange) {
    if (exchange.error) return exchange.error;
    const p = exchange.json;
    if (!p || typeof p !== 'object') return `${exchange.status} ${exchange.statusText}`;
    let text = [p.title, p.detail].filter(Boolean).join(': ') || `${exchange.status} ${exchange.statusText}`;
    if (Array.isArray(p.errors) && p.errors.length) {
        text += ` (${p.errors.map((e) => `${e.field}: ${e.message}`).join('; ')})`;
    }
    if (exchange.status === 429) {
        const retry = exchange.headers.find(([name]) => name === 'retry-after');
        if (retry) text += ` Retry after ${retry[1]} s.`;
    }
    return text;
}
