// jwt-auth demo page: the entry module. Plain ES modules, no dependencies, no build step, no inline script or
// handler: the page runs under the service's strict Content-Security-Policy (script-src 'self', no eval).
//
// One module per panel under js/ (auth, debugger, api, sessions), the signed-in state in js/session.js, HTTP and
// rendering shared in js/http.js and js/dom.js. This module only wires them together.

import { resumeSession, wireAuth } from './js/auth.js';
import { wireApi } from './js/api.js';
import { followCurrentToken, renderExpiry, wireDebugger } from './js/debugger.js';
import { onNewAccessToken, renderSessionState, tick } from './js/session.js';
import { wireSessions } from './js/sessions.js';

wireAuth();
wireDebugger();
wireApi();
wireSessions();
onNewAccessToken(followCurrentToken);
renderSessionState();
setInterval(() => {
    renderExpiry();
    tick();
}, 1000);

// ready once the silent refresh has answered: the page is then signed in again, or settled as signed out
try {
    await resumeSession();
} finally {
    document.body.dataset.ready = 'true';
}
