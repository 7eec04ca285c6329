// Panel 2: look inside a token. Decodes header and payload, checks the signature (RS256/ES256 against the
// service's JWKS, HS256 against a typed secret, everything else refused), counts down to exp, and re-encodes an
// edited payload with the old signature to show that it no longer verifies.

import { $, duration, localTime } from './dom.js';
import { TokenFormatError, base64urlEncode, parseToken } from './jwt.js';
import { accessToken, onChange } from './session.js';

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
export function renderExpiry() {
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
    const token = accessToken();
    if (!token) return;
    $('debug-token').value = token;
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

/** When a new access token arrives, the debugger shows it unless the user is looking at another token. */
export function followCurrentToken(current, previous) {
    const shown = $('debug-token').value.trim();
    if (shown && shown !== previous) return;
    $('debug-token').value = current;
    runDebugger();
}

function clearDebugger() {
    $('debug-token').value = '';
    $('payload-editor').value = '';
    runDebugger();
}

export function wireDebugger() {
    $('debug-token').addEventListener('input', scheduleDebugger);
    $('debug-secret').addEventListener('input', scheduleDebugger);
    $('use-current').addEventListener('click', useCurrentToken);
    $('use-example').addEventListener('click', useExample);
    $('debug-clear').addEventListener('click', clearDebugger);
    $('reencode').addEventListener('click', reencode);
    onChange(({ signedIn }) => {
        $('use-current').disabled = !signedIn;
    });
    runDebugger();
}
