#!/usr/bin/env bash
# Throughput of GET /api/me (JWT verification by the server's MicroProfile JWT + revocation check + user lookup)
# against two open endpoints of the same server, measured in one run with wrk:
#   GET  /.well-known/jwks.json   a servlet answering a cached string: the cheapest request the server serves
#   POST /api/auth/refresh        JAX-RS + one indexed database read (an unknown refresh token, answered 401):
#                                 the same kind of work as /api/me without a bearer token to verify
#
#   bash bench/run.sh                      # 20 s per endpoint, 2 threads, 32 connections
#   DURATION=60s CONNECTIONS=64 bash bench/run.sh
#   SERVER=wildfly bash bench/run.sh       # the same WAR and the same requests on WildFly
#
# It builds the WAR and starts a server of its own on port 9480 (bench/server.sh), stopped at the end. Only
# loopback traffic.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
source bench/server.sh
start_bench_server
sign_in

REFRESH_SCRIPT=$(mktemp --suffix=.lua)
cat > "$REFRESH_SCRIPT" <<'LUA'
wrk.method = "POST"
wrk.body = '{"refresh_token":"no-such-refresh-token"}'
wrk.headers["Content-Type"] = "application/json"
LUA

me()      { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -H "Authorization: Bearer $TOKEN" "$BASE/api/me"; }
jwks()    { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" "$BASE/.well-known/jwks.json"; }
refresh() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -s "$REFRESH_SCRIPT" "$BASE/api/auth/refresh"; }

# warm every path up (JIT, token cache, connection pool), then measure
me 10s >/dev/null; jwks 10s >/dev/null; refresh 10s >/dev/null
JWKS=$(jwks "$DURATION" | tee -a /dev/stderr | rps)
REFRESH=$(refresh "$DURATION" | tee -a /dev/stderr | rps)
ME=$(me "$DURATION" | tee -a /dev/stderr | rps)
rm -f "$REFRESH_SCRIPT"

echo
echo "open          GET  /.well-known/jwks.json        : $JWKS req/s"
echo "open          POST /api/auth/refresh (unknown)   : $REFRESH req/s"
echo "authenticated GET  /api/me                       : $ME req/s"
awk -v me="$ME" -v open="$JWKS" 'BEGIN { printf "ratio /api/me : jwks    : %.2f (target >= 0.80)\n", me / open }'
awk -v me="$ME" -v open="$REFRESH" 'BEGIN { printf "ratio /api/me : refresh : %.2f\n", me / open }'
