// jwt-auth demo page. Plain ES module, no dependencies, no inline handlers: works under a strict CSP.
//
// The tokens live in this module's variables only (memory): never localStorage, sessionStorage or a cookie.
// A module's top-level bindings are not properties of `window`, so they are not even reachable by name.
// Everything that comes from the server or the user reaches the DOM through textContent, never innerHTML.

const session = {
    username: null,
    accessToken: null,
    refreshToken: null,
    previousAccessToken: null,
};

const $ = (id) => document.getElementById(id);

const STATUS_TEXT = {
    200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
    404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Content Too Large',
    415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Builds an element; children are nodes or strings (strings become text nodes, never markup). */
function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'class') node.className = value;
        else if (name === 'text') node.textContent = value;
        else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
        if (child === undefined || child === null || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

function abbreviate(token) {
    if (!token) return '';
    return token.length > 28 ? `${token.slice(0, 14)}…${token.slice(-10)}` : token;
}

function pad2(n) {
    return String(n).padStart(2, '0');
}

/** 75 -> "1 min 15 s", 3725 -> "1 h 02 min 05 s", 90000 -> "1 d 1 h" */
function duration(seconds) {
    const s = Math.floor(Math.abs(seconds));
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = s % 60;
    if (d > 0) return `${d} d ${h} h`;
    if (h > 0) return `${h} h ${pad2(m)} min ${pad2(rest)} s`;
    if (m > 0) return `${m} min ${pad2(rest)} s`;
    return `${rest} s`;
}

function localTime(epochSeconds) {
    const date = new Date(epochSeconds * 1000);
    return Number.isNaN(date.getTime()) ? String(epochSeconds) : date.toLocaleString();
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP: one helper that records everything the page shows about a call

async function call(method, path, { token, body } = {}) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const exchange = { method, path, token, body, started: performance.now() };
    try {
        const response = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'omit', // no cookies either way: the token travels in the header only
            cache: 'no-store',
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

function renderPending(container, method, path) {
    container.dataset.status = '';
    container.dataset.request = `${method} ${path}`;
    container.replaceChildren(el('p', { class: 'pending', text: `${method} ${path} …` }));
}

/** Shows a call as request line, status line, response headers and body. */
function renderExchange(container, exchange, note) {
    const request = el('p', { class: 'request' },
        el('span', { class: 'method', text: exchange.method }), ' ', el('code', { text: exchange.path }),
        el('span', { class: 'auth-sent' },
            exchange.token ? ['Authorization: Bearer ', el('code', { text: abbreviate(exchange.token) })]
                : 'no Authorization header'));
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

/** A one-line reading of a problem+json answer, field errors included. */
function problemSummary(exchange) {
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

function showMessage(id, text, kind) {
    const node = $(id);
    node.textContent = text;
    node.dataset.kind = kind;
    node.className = `message ${kind}`;
    node.hidden = !text;
}

// ---------------------------------------------------------------------------------------------------------------
// Signed-in state

function tokenExpiry(token) {
    try {
        const claims = JSON.parse(utf8(base64urlDecode(token.split('.')[1])));
        return typeof claims.exp === 'number' ? claims.exp : null;
    } catch {
        return null;
    }
}

function renderSessionState() {
    const state = $('session-state');
    const signedIn = Boolean(session.accessToken);
    state.dataset.signedIn = String(signedIn);
    if (signedIn) {
        const exp = tokenExpiry(session.accessToken);
        let text = `Signed in as ${session.username}`;
        if (exp !== null) {
            const left = exp - Date.now() / 1000;
            text += left > 0 ? ` · access token expires in ${duration(left)}` : ' · access token expired: refresh it';
        }
        state.textContent = text + ' · tokens held in memory only';
    } else {
        state.textContent = session.previousAccessToken ? 'Signed out · the previous token is kept to show it is refused'
            : 'Signed out';
    }
    for (const id of ['use-current', 'call-me', 'call-admin', 'list-sessions', 'logout']) {
        $(id).disabled = !signedIn;
    }
    $('refresh').disabled = !session.refreshToken;
    $('call-old-token').disabled = !session.previousAccessToken;
}

function signIn(username, accessToken, refreshToken) {
    session.username = username;
    session.accessToken = accessToken;
    session.refreshToken = refreshToken;
    renderSessionState();
}

function signOut() {
    if (session.accessToken) session.previousAccessToken = session.accessToken;
    session.accessToken = null;
    session.refreshToken = null;
    $('sessions').replaceChildren();
    renderSessionState();
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Register and sign in

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
    const { username, password } = credentials();
    $('token-source').hidden = true;
    renderPending($('auth-result'), 'POST', '/api/auth/login');
    const exchange = await call('POST', '/api/auth/login', { body: { username, password } });
    renderExchange($('auth-result'), exchange);
    if (exchange.status !== 200 || !exchange.json?.access_token) {
        showMessage('auth-message', `Not signed in: ${problemSummary(exchange)}`, 'bad');
        return;
    }
    $('password').value = ''; // the password is not needed any more: the token stands in for it
    signIn(username, exchange.json.access_token, exchange.json.refresh_token);
    showTokenSource(exchange);
    showMessage('auth-message', `Signed in as ${username}. The access token is valid for ${
        duration(exchange.json.expires_in ?? 0)}.`, 'ok');
    if (!$('debug-token').value.trim()) useCurrentToken();
}

/** The token twice: once from the JSON body, once from the Authorization response header. */
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
    $('token-source').hidden = false;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Token debugger

class TokenFormatError extends Error {}

/** base64url (RFC 4648 section 5), padding optional, to bytes. */
function base64urlDecode(text) {
    const clean = text.replace(/=+$/, '');
    if (!/^[A-Za-z0-9_-]*$/.test(clean)) {
        throw new TokenFormatError('contains characters that are not base64url (A–Z a–z 0–9 - _)');
    }
    if (clean.length % 4 === 1) throw new TokenFormatError('has a length no base64url text can have');
    const base64 = clean.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (clean.length % 4)) % 4);
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
}

function base64urlEncode(bytes) {
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes) {
    try {
        return strictUtf8.decode(bytes);
    } catch {
        throw new TokenFormatError('is not valid UTF-8');
    }
}

function decodeJsonPart(part, name) {
    let text;
    try {
        text = utf8(base64urlDecode(part));
    } catch (error) {
        throw new TokenFormatError(`The ${name} ${error instanceof TokenFormatError ? error.message : 'is not base64url'}.`);
    }
    let value;
    try {
        value = JSON.parse(text);
    } catch {
        throw new TokenFormatError(`The ${name} decodes to text that is not JSON: ${text.slice(0, 80)}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new TokenFormatError(`The ${name} must be a JSON object.`);
    }
    return value;
}

/** Splits a compact JWS. Header errors are fatal; a payload error still lets the signature be checked. */
function parseToken(raw) {
    const token = raw.trim().replace(/^Bearer\s+/i, '').replace(/\s+/g, '');
    const parts = token.split('.');
    if (parts.length === 5) {
        throw new TokenFormatError('This has five parts: an encrypted token (JWE). Only signed tokens (JWS) can be read here.');
    }
    if (parts.length !== 3) {
        throw new TokenFormatError(`A JWS compact token has three parts separated by dots; this has ${parts.length}.`);
    }
    if (!parts[0] || !parts[1]) throw new TokenFormatError('The header or payload part is empty.');
    const header = decodeJsonPart(parts[0], 'header');
    let payload = null;
    let payloadError = null;
    try {
        payload = decodeJsonPart(parts[1], 'payload');
    } catch (error) {
        payloadError = error.message;
    }
    let signature;
    try {
        signature = base64urlDecode(parts[2]);
    } catch (error) {
        throw new TokenFormatError(`The signature ${error.message}.`);
    }
    return { token, parts, header, payload, payloadError, signature };
}

let jwksCache = null;

async function fetchJwks(force) {
    if (jwksCache && !force) return jwksCache;
    const response = await fetch('/.well-known/jwks.json', { credentials: 'omit', cache: force ? 'reload' : 'default' });
    if (!response.ok) throw new Error(`GET /.well-known/jwks.json answered ${response.status}`);
    const jwks = await response.json();
    if (!Array.isArray(jwks?.keys)) throw new Error('the JWKS has no "keys" array');
    jwksCache = jwks;
    return jwks;
}

const ASYMMETRIC = {
    RS256: {
        kty: 'RSA',
        importAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        verifyAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
        jwk: (key) => ({ kty: 'RSA', n: key.n, e: key.e, alg: 'RS256', ext: true }),
        describe: 'RSASSA-PKCS1-v1_5 with SHA-256',
    },
    ES256: {
        kty: 'EC',
        importAlgorithm: { name: 'ECDSA', namedCurve: 'P-256' },
        verifyAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
        jwk: (key) => ({ kty: 'EC', crv: key.crv, x: key.x, y: key.y, ext: true }),
        describe: 'ECDSA P-256 with SHA-256 (JWS signature is raw r‖s)',
    },
};

/** Picks the key named by kid; asks the server again once if the kid is unknown (the keys may have rotated). */
async function findKey(alg, kid) {
    const spec = ASYMMETRIC[alg];
    const pick = (jwks) => jwks.keys.filter((key) => key.kty === spec.kty && (!key.alg || key.alg === alg)
        && (!key.use || key.use === 'sig') && (kid === undefined || key.kid === kid));
    let candidates = pick(await fetchJwks(false));
    if (!candidates.length) candidates = pick(await fetchJwks(true));
    return candidates;
}

const VERIFIED = 'signature verified';
const INVALID = 'invalid signature';

/** Returns { state, text, detail } for the signature of a parsed token. */
async function verifySignature(parsed, secret) {
    const alg = parsed.header.alg;
    const signingInput = new TextEncoder().encode(`${parsed.parts[0]}.${parsed.parts[1]}`);
    if (typeof alg !== 'string') {
        return { state: 'refused', text: 'not accepted', detail: 'The header names no "alg".' };
    }
    if (alg.toLowerCase() === 'none') {
        return { state: 'refused', text: 'not accepted: alg "none"',
            detail: '"none" means unsigned: anyone could have written it. The service refuses such tokens, and so does this page.' };
    }
    if (alg === 'HS256') {
        if (!secret) {
            return { state: 'waiting', text: 'enter the secret to check the signature',
                detail: 'HS256 is HMAC with SHA-256: the same secret signs and verifies.' };
        }
        const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret),
            { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
        const ok = await crypto.subtle.verify('HMAC', key, parsed.signature, signingInput);
        return { state: ok ? 'verified' : 'invalid', text: ok ? VERIFIED : INVALID,
            detail: `HS256: HMAC SHA-256 with the secret typed above${ok ? '' : ' — the secret or the signed bytes differ'}. `
                + 'The service itself signs only with its private key (RS256/ES256).' };
    }
    const spec = ASYMMETRIC[alg];
    if (!spec) {
        return { state: 'refused', text: `not accepted: alg "${alg}"`,
            detail: 'This page checks RS256 and ES256 (the service\'s keys) and HS256 (tutorial tokens) only; an unexpected algorithm is refused, never guessed.' };
    }
    let candidates;
    try {
        candidates = await findKey(alg, parsed.header.kid);
    } catch (error) {
        return { state: 'waiting', text: 'cannot check: no public keys', detail: `Could not read the JWKS: ${error.message}` };
    }
    if (!candidates.length) {
        return { state: 'invalid', text: INVALID,
            detail: `No ${alg} key with kid "${parsed.header.kid ?? '(none)'}" in /.well-known/jwks.json: this service did not sign it.` };
    }
    if (alg === 'ES256' && parsed.signature.length !== 64) {
        return { state: 'invalid', text: INVALID, detail: 'An ES256 signature is 64 bytes (r‖s); this one is not.' };
    }
    for (const candidate of candidates) {
        let key;
        try {
            key = await crypto.subtle.importKey('jwk', spec.jwk(candidate), spec.importAlgorithm, false, ['verify']);
        } catch {
            continue;
        }
        if (await crypto.subtle.verify(spec.verifyAlgorithm, key, parsed.signature, signingInput)) {
            return { state: 'verified', text: VERIFIED,
                detail: `${alg}: ${spec.describe}, public key kid "${candidate.kid ?? '(none)'}" from /.well-known/jwks.json.` };
        }
    }
    return { state: 'invalid', text: INVALID,
        detail: `${alg}: the service's public key${candidates.length > 1 ? 's do' : ' does'} not match the signature for these bytes.` };
}

let debugRun = 0; // a later run wins: slow verifications never overwrite a newer result
let debugExp = null;
let debugIat = null;

function setVerdict(id, state, text) {
    const node = $(id);
    node.dataset.state = state;
    node.textContent = text;
}

function resetDebugger(signatureText) {
    setVerdict('debug-signature', 'empty', signatureText);
    $('debug-signature-detail').textContent = '';
    $('debug-header').textContent = '';
    $('debug-payload').textContent = '';
    debugExp = null;
    debugIat = null;
    renderExpiry();
}

async function runDebugger() {
    const run = ++debugRun;
    const raw = $('debug-token').value;
    const error = $('debug-error');
    error.hidden = true;
    error.textContent = '';
    if (!raw.trim()) {
        resetDebugger('no token');
        return;
    }
    let parsed;
    try {
        parsed = parseToken(raw);
    } catch (failure) {
        resetDebugger('not a token');
        setVerdict('debug-signature', 'refused', 'not checked: malformed token');
        error.textContent = failure instanceof TokenFormatError ? failure.message : `Cannot read this token: ${failure.message}`;
        error.hidden = false;
        return;
    }
    $('debug-header').textContent = JSON.stringify(parsed.header, null, 2);
    if (parsed.payload) {
        const pretty = JSON.stringify(parsed.payload, null, 2);
        $('debug-payload').textContent = pretty;
        $('payload-editor').value = pretty;
        debugExp = parsed.payload.exp;
        debugIat = parsed.payload.iat;
    } else {
        $('debug-payload').textContent = '';
        error.textContent = `${parsed.payloadError} The signature is still checked below: it covers the bytes, whatever they say.`;
        error.hidden = false;
        debugExp = null;
        debugIat = null;
    }
    renderExpiry();
    setVerdict('debug-signature', 'pending', 'checking…');
    $('debug-signature-detail').textContent = '';
    let verdict;
    try {
        verdict = await verifySignature(parsed, $('debug-secret').value);
    } catch (failure) {
        verdict = { state: 'invalid', text: INVALID, detail: `The check failed: ${failure.message}` };
    }
    if (run !== debugRun) return;
    setVerdict('debug-signature', verdict.state, verdict.text);
    $('debug-signature-detail').textContent = verdict.detail;
}

/** The live countdown: exp against the clock, once a second. */
function renderExpiry() {
    const times = $('debug-times');
    if (debugExp === null || debugExp === undefined) {
        const hasToken = Boolean($('debug-payload').textContent);
        setVerdict('debug-expiry', hasToken ? 'refused' : 'empty', hasToken ? 'no exp claim: never expires' : '—');
        times.textContent = hasToken ? 'A token without exp is valid forever; this service refuses such tokens.' : '';
        return;
    }
    if (typeof debugExp !== 'number' || !Number.isFinite(debugExp)) {
        setVerdict('debug-expiry', 'refused', 'exp is not a number');
        times.textContent = 'exp must be seconds since 1970-01-01 (NumericDate).';
        return;
    }
    const left = debugExp - Date.now() / 1000;
    if (left > 0) setVerdict('debug-expiry', 'valid', `expires in ${duration(left)}`);
    else setVerdict('debug-expiry', 'expired', `expired ${duration(-left)} ago`);
    const issued = typeof debugIat === 'number' ? `issued ${localTime(debugIat)} · ` : '';
    times.textContent = `${issued}exp ${localTime(debugExp)} (${debugExp})`;
}

function useCurrentToken() {
    if (!session.accessToken) return;
    $('debug-token').value = session.accessToken;
    runDebugger();
}

const EXAMPLE_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYW1lIjoiT2RpbiJ9.FtLFoA9kG8B_gvKz0nEzx4uDYAlsgWhxTGEUfinYcf8';

function useExample() {
    $('debug-token').value = EXAMPLE_TOKEN;
    $('debug-secret').value = 'theodinproject';
    runDebugger();
}

function reencode() {
    const error = $('debug-error');
    let parsed;
    try {
        parsed = parseToken($('debug-token').value);
    } catch (failure) {
        error.textContent = `Nothing to re-encode: ${failure.message}`;
        error.hidden = false;
        return;
    }
    let payload;
    try {
        payload = JSON.parse($('payload-editor').value);
    } catch (failure) {
        error.textContent = `The edited payload is not JSON: ${failure.message}`;
        error.hidden = false;
        return;
    }
    const part = base64urlEncode(new TextEncoder().encode(JSON.stringify(payload)));
    $('debug-token').value = `${parsed.parts[0]}.${part}.${parsed.parts[2]}`;
    runDebugger();
}

let debounce = 0;

function scheduleDebugger() {
    clearTimeout(debounce);
    debugRun++; // whatever was being checked is stale now
    setVerdict('debug-signature', 'pending', 'checking…');
    $('debug-signature-detail').textContent = '';
    debounce = setTimeout(runDebugger, 150);
}

// ---------------------------------------------------------------------------------------------------------------
// 3. API calls

async function callInto(containerId, method, path, token, note) {
    const container = $(containerId);
    renderPending(container, method, path);
    const exchange = await call(method, path, { token });
    renderExchange(container, exchange, note?.(exchange));
    return exchange;
}

const explain = {
    me: (x) => (x.status === 200 ? 'The server read who you are from the token alone.' : problemSummary(x)),
    admin: (x) => (x.status === 403
        ? '403 Forbidden: the token is genuine (you are authenticated) but its groups claim lacks "admin".'
        : x.status === 200 ? 'You are an administrator.' : problemSummary(x)),
    anonymous: (x) => (x.status === 401
        ? '401 Unauthorized: no token, no caller. WWW-Authenticate names the scheme the server expects.'
        : `Unexpected: ${x.status}`),
    old: (x) => (x.status === 401
        ? '401 Unauthorized: the token still has a valid signature and time left, but the server refuses it now.'
        : x.status === 200 ? 'Still accepted: refreshing does not revoke an access token, it just stops being renewed. '
            + 'Sign out to see the server refuse it.' : problemSummary(x)),
};

// ---------------------------------------------------------------------------------------------------------------
// 4. Sessions, refresh and sign-out

async function listSessions() {
    if (!session.accessToken) return;
    const exchange = await callInto('session-result', 'GET', '/api/me/sessions', session.accessToken,
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
    const exchange = await callInto('session-result', 'DELETE', path, session.accessToken,
        (x) => (x.status === 204 ? (current
            ? 'This session is ended: its refresh token is dead and its access token is refused.'
            : 'That session is ended: its refresh token can no longer be used.') : problemSummary(x)));
    if (exchange.status === 204 && current) {
        signOut();
        showMessage('auth-message', 'You ended the current session: signed out.', 'bad');
        return;
    }
    if (exchange.status === 204) await refreshListQuietly();
}

async function refreshListQuietly() {
    const exchange = await call('GET', '/api/me/sessions', { token: session.accessToken });
    if (exchange.status !== 200) return;
    const ids = new Set(exchange.json.map((s) => s.id));
    for (const item of [...$('sessions').children]) {
        if (!ids.has(item.dataset.sessionId)) item.remove();
    }
}

async function refresh() {
    if (!session.refreshToken) return;
    const container = $('session-result');
    renderPending(container, 'POST', '/api/auth/refresh');
    const exchange = await call('POST', '/api/auth/refresh', { body: { refresh_token: session.refreshToken } });
    if (exchange.status === 200 && exchange.json?.access_token) {
        session.previousAccessToken = session.accessToken;
        session.accessToken = exchange.json.access_token;
        session.refreshToken = exchange.json.refresh_token;
        renderSessionState();
        renderExchange(container, exchange, 'New access and refresh tokens replace the old ones; the old refresh token is spent.');
        if ($('debug-token').value.trim() === session.previousAccessToken) useCurrentToken();
    } else {
        renderExchange(container, exchange, `Refresh refused: ${problemSummary(exchange)}`);
        if (exchange.status === 401) {
            signOut();
            showMessage('auth-message', 'The session has ended: sign in again.', 'bad');
        }
    }
}

async function logout() {
    if (!session.accessToken) return;
    const container = $('session-result');
    renderPending(container, 'POST', '/api/auth/logout');
    const body = session.refreshToken ? { refresh_token: session.refreshToken } : undefined;
    const exchange = await call('POST', '/api/auth/logout', { token: session.accessToken, body });
    renderExchange(container, exchange, exchange.status === 204
        ? 'Signed out. The page forgot both tokens but kept the old access token to show that the server now refuses it.'
        : problemSummary(exchange));
    if (exchange.status === 204 || exchange.status === 401) {
        signOut();
        showMessage('auth-message', 'Signed out.', 'ok');
    }
}

// ---------------------------------------------------------------------------------------------------------------

function wire() {
    $('auth-form').addEventListener('submit', login);
    $('register').addEventListener('click', register);
    $('debug-token').addEventListener('input', scheduleDebugger);
    $('debug-secret').addEventListener('input', scheduleDebugger);
    $('use-current').addEventListener('click', useCurrentToken);
    $('use-example').addEventListener('click', useExample);
    $('debug-clear').addEventListener('click', () => {
        $('debug-token').value = '';
        $('payload-editor').value = '';
        runDebugger();
    });
    $('reencode').addEventListener('click', reencode);
    $('call-me').addEventListener('click', () => callInto('call-result', 'GET', '/api/me', session.accessToken, explain.me));
    $('call-admin').addEventListener('click',
        () => callInto('call-result', 'GET', '/api/admin/users', session.accessToken, explain.admin));
    $('call-anonymous').addEventListener('click', () => callInto('call-result', 'GET', '/api/me', null, explain.anonymous));
    $('list-sessions').addEventListener('click', listSessions);
    $('refresh').addEventListener('click', refresh);
    $('logout').addEventListener('click', logout);
    $('call-old-token').addEventListener('click',
        () => callInto('session-result', 'GET', '/api/me', session.previousAccessToken, explain.old));
    setInterval(() => {
        renderExpiry();
        if (session.accessToken) renderSessionState();
    }, 1000);
    renderSessionState();
    runDebugger();
    document.body.dataset.ready = 'true';
}

wire();
