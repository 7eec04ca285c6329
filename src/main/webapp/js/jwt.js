// The JWS compact format: base64url parts, strict UTF-8, JSON objects. Reading a token is not trusting it:
// only the debugger's signature check says whether the server wrote it.

export class TokenFormatError extends Error {}

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

export function base64urlEncode(bytes) {
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
export function parseToken(raw) {
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

/** The claims of a token the server just handed over (to show its upn and exp), or null if unreadable. */
export function readClaims(token) {
    try {
        return decodeJsonPart(token.split('.')[1] ?? '', 'payload');
    } catch {
        return null;
    }
}
