// Panel 3: call the API with the access token, with a token that lacks a role, and with no token at all.

import { $ } from './dom.js';
import { callInto, problemSummary } from './http.js';
import { accessToken, onChange } from './session.js';

const explain = {
    me: (x) => (x.status === 200 ? 'The server read who you are from the token alone.' : problemSummary(x)),
    admin: (x) => (x.status === 403
        ? '403 Forbidden: the token is genuine (you are authenticated) but its groups claim lacks "admin".'
        : x.status === 200 ? 'You are an administrator.' : problemSummary(x)),
    anonymous: (x) => (x.status === 401
        ? '401 Unauthorized: no token, no caller. WWW-Authenticate names the scheme the server expects.'
        : `Unexpected: ${x.status}`),
};

export function wireApi() {
    $('call-me').addEventListener('click', () => callInto('call-result', 'GET', '/api/me', accessToken(), explain.me));
    $('call-admin').addEventListener('click',
        () => callInto('call-result', 'GET', '/api/admin/users', accessToken(), explain.admin));
    $('call-anonymous').addEventListener('click', () => callInto('call-result', 'GET', '/api/me', null, explain.anonymous));
    onChange(({ signedIn }) => {
        $('call-me').disabled = !signedIn;
        $('call-admin').disabled = !signedIn;
    });
}
