// A service that is not Java trusts jwt-auth's access tokens the way any OpenID-aware resource server does: it
// reads the issuer's discovery document, takes the keys from its jwks_uri, and verifies signature, algorithm,
// issuer, audience and expiry locally: no call to jwt-auth per token, and so no knowledge of a sign-out before
// the token expires (for that, ask introspection).
//
//   node verify.mjs <base URL of jwt-auth> <access token>     prints the verified claims; exits 1 if refused
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [base, token] = process.argv.slice(2);
if (!base || !token) {
    console.error('usage: node verify.mjs <base URL of jwt-auth> <access token>');
    process.exit(2);
}

const metadata = await (await fetch(new URL('/.well-known/openid-configuration', base))).json();
const keys = createRemoteJWKSet(new URL(metadata.jwks_uri));

try {
    const { payload, protectedHeader } = await jwtVerify(token, keys, {
        issuer: metadata.issuer,
        audience: process.env.AUDIENCE ?? 'jwt-auth',
        algorithms: metadata.id_token_signing_alg_values_supported,
        clockTolerance: 60,
    });
    console.log(JSON.stringify({ verified: true, kid: protectedHeader.kid, sub: payload.sub, upn: payload.upn,
        groups: payload.groups, exp: payload.exp }));
} catch (refused) {
    console.log(JSON.stringify({ verified: false, reason: refused.code ?? refused.message }));
    process.exit(1);
}
