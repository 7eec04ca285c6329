#!/usr/bin/env bash
# Throughput and server CPU per request of GET /api/me (JWT verification by the server's MicroProfile JWT, the
# revocation check, the user read) against two open endpoints of the same server:
#   GET  /.well-known/jwks.json   a servlet answering a cached string: the cheapest request the server serves
#   POST /api/auth/refresh        JAX-RS + one indexed database read (an unknown refresh token, answered 401):
#                                 the same kind of work as /api/me without a bearer token to verify
# This machine's throughput swings 3-5x between runs, so the endpoints are measured in interleaved rounds (each once
# per round, the same wrk settings) and every figure is the median of the rounds with its range; ratios are taken
# within a round. The server's CPU time per request (its process's user + system time over the round, divided by
# the requests served) moves far less with outside load than req/s does.
#
#   bash bench/run.sh                               # 3 rounds of 10 s per endpoint, 2 threads, 32 connections
#   ROUNDS=5 DURATION=20s CONNECTIONS=64 bash bench/run.sh
#   SERVER=wildfly bash bench/run.sh                # the same WAR and the same requests on WildFly
#
# It builds the WAR and starts a server of its own on port 9480 (bench/server.sh), stopped at the end, and prints
# the server's start-up time (process start to /health/ready UP). Only loopback traffic.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
source bench/server.sh
start_bench_server
sign_in

REFRESH_SCRIPT=$(mktemp --suffix=.lua)
OUT=$(mktemp -d)
trap 'rm -rf "$REFRESH_SCRIPT" "$OUT"; stop_bench_server' EXIT
cat > "$REFRESH_SCRIPT" <<'LUA'
wrk.method = "POST"
wrk.body = '{"refresh_token":"no-such-refresh-token"}'
wrk.headers["Content-Type"] = "application/json"
LUA

load() {
    case $1 in
        jwks)    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" "$BASE/.well-known/jwks.json" ;;
        refresh) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" -s "$REFRESH_SCRIPT" "$BASE/api/auth/refresh" ;;
        me)      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" -H "Authorization: Bearer $TOKEN" "$BASE/api/me" ;;
    esac
}

# one endpoint for one round: req/s and server CPU µs per request, appended to $OUT/<endpoint>.{rps,cpu}
measure() {
    local before after out requests
    before=$(cpu_ticks)
    out=$(load "$1" "$DURATION")
    after=$(cpu_ticks)
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    rps <<<"$out" >> "$OUT/$1.rps"
    awk -v t="$((after - before))" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
        'BEGIN {printf "%.1f\n", t / hz / n * 1e6}' >> "$OUT/$1.cpu"
}

# warm every path up (JIT, connection pool), then the rounds
for endpoint in jwks refresh me; do load "$endpoint" 10s >/dev/null; done
for round in $(seq 1 "$ROUNDS"); do
    for endpoint in jwks refresh me; do measure "$endpoint"; done
    echo "round $round: jwks $(tail -n1 "$OUT/jwks.rps") req/s, refresh $(tail -n1 "$OUT/refresh.rps"), me $(tail -n1 "$OUT/me.rps")" >&2
done

# per-round ratios of two files' lines
ratios() { paste "$OUT/$1" "$OUT/$2" | awk '{print $1 / $2}'; }

echo
echo "${SERVER:-liberty}, $ROUNDS interleaved rounds of $DURATION, $CONNECTIONS connections: median (min–max)"
echo "| endpoint | req/s | server CPU µs/request |"
echo "| --- | --- | --- |"
echo "| GET /.well-known/jwks.json | $(summary < "$OUT/jwks.rps") | $(summary < "$OUT/jwks.cpu") |"
echo "| POST /api/auth/refresh (unknown token, 401) | $(summary < "$OUT/refresh.rps") | $(summary < "$OUT/refresh.cpu") |"
echo "| GET /api/me | $(summary < "$OUT/me.rps") | $(summary < "$OUT/me.cpu") |"
echo
echo "| ratio, within each round | throughput | CPU per request |"
echo "| --- | --- | --- |"
echo "| /api/me : jwks | $(ratios me.rps jwks.rps | summary) | $(ratios me.cpu jwks.cpu | summary) |"
echo "| /api/me : refresh | $(ratios me.rps refresh.rps | summary) | $(ratios me.cpu refresh.cpu | summary) |"
echo "| refresh : jwks | $(ratios refresh.rps jwks.rps | summary) | $(ratios refresh.cpu jwks.cpu | summary) |"
echo
echo "start-up: $STARTUP_SECONDS s from the server command to /health/ready UP"
