#!/usr/bin/env bash
# What a login flood does to everyone else: GET /api/me alone, then GET /api/me while FLOODERS connections sign in
# continuously (valid credentials, so every login that gets a hashing turn costs a full Argon2id hash), in
# interleaved rounds so that the machine's own swings hit both alike. The flood's connections all come from this
# machine's one address, so the service sees one client: it hashes at most that client's share of the turns at once
# (auth.password.max-concurrent-hashes-per-client), and most of its logins get 429 for being over that share.
# Reports, per round and as medians with their range:
#   /api/me req/s and p99 latency, unloaded and under the flood, and their ratios (targets: >= 0.70 and <= 3x);
#   the server's CPU time per /api/me request in both states;
#   what the flood got: answers/s, sign-ins/s, how many were turned away (429 over the client's share of the hashing
#   turns, or 503 when no turn was free at all), their median latency.
#
#   bash bench/login-flood.sh                      # 3 rounds, 15 s each, 32 flooding connections
#   ROUNDS=5 DURATION=20s FLOODERS=16 bash bench/login-flood.sh
#   SERVER=wildfly bash bench/login-flood.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
FLOODERS=${FLOODERS:-32}
CONNECTIONS=${CONNECTIONS:-32}
source bench/server.sh
start_bench_server
sign_in

LOGIN_SCRIPT=$(mktemp --suffix=.lua)
cat > "$LOGIN_SCRIPT" <<LUA
wrk.method = "POST"
wrk.body = '{"username":"$USER_NAME","password":"$PASSWORD"}'
wrk.headers["Content-Type"] = "application/json"
LUA
OUT=$(mktemp -d)

me()    { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/me"; }
flood() { wrk -t2 -c"$FLOODERS" -d"$DURATION" --latency -s "$LOGIN_SCRIPT" "$BASE/api/auth/login"; }
requests() { awk '/requests in/ {print $1}'; }
turned_away() { awk '/Non-2xx or 3xx responses/ {print $5}'; }

# CPU microseconds of the server per /api/me request during the run that wrote $1 (ticks before in $2)
cpu_per_request() {
    local ticks=$(( $(cpu_ticks) - $2 )) count
    count=$(requests < "$1")
    awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$count" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}'
}

# warm up every path (JIT, token cache, pools, the hash)
wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $TOKEN" "$BASE/api/me" >/dev/null
wrk -t2 -c4 -d5s -s "$LOGIN_SCRIPT" "$BASE/api/auth/login" >/dev/null

for round in $(seq 1 "$ROUNDS"); do
    before=$(cpu_ticks)
    me > "$OUT/alone.$round"
    echo "$(cpu_per_request "$OUT/alone.$round" "$before")" > "$OUT/alone-cpu.$round"

    flood > "$OUT/flood.$round" &
    flooding=$!
    sleep 1 # let the flood take hold before measuring
    me > "$OUT/flooded.$round"
    wait "$flooding"

    alone=$(rps < "$OUT/alone.$round"); flooded=$(rps < "$OUT/flooded.$round")
    alone_p99=$(latency_ms 99% < "$OUT/alone.$round"); flooded_p99=$(latency_ms 99% < "$OUT/flooded.$round")
    logins=$(rps < "$OUT/flood.$round"); login_p50=$(latency_ms 50% < "$OUT/flood.$round")
    sent=$(requests < "$OUT/flood.$round"); refused=$(turned_away < "$OUT/flood.$round"); refused=${refused:-0}
    echo "$alone $flooded $alone_p99 $flooded_p99 $logins $login_p50 $sent $refused" > "$OUT/round.$round"
    printf 'round %d: /api/me %s req/s alone, %s flooded; p99 %s ms alone, %s ms flooded; logins %s/s (p50 %s ms), %s of %s turned away (429 over the share, or 503)\n' \
        "$round" "$alone" "$flooded" "$alone_p99" "$flooded_p99" "$logins" "$login_p50" "$refused" "$sent"
done

column() { cat "$OUT"/round.* | awk -v c="$1" '{print $c}'; }
echo
echo "medians over $ROUNDS interleaved rounds (range), $FLOODERS flooding connections from one client, ${SERVER:-liberty}:"
echo "  /api/me req/s alone          : $(column 1 | summary)"
echo "  /api/me req/s flooded        : $(column 2 | summary)"
echo "  throughput kept (flooded/alone, target >= 0.70): $(cat "$OUT"/round.* | awk '{print $2 / $1}' | summary)"
echo "  /api/me p99 ms alone         : $(column 3 | summary)"
echo "  /api/me p99 ms flooded       : $(column 4 | summary)"
echo "  p99 growth (flooded/alone, target <= 3): $(cat "$OUT"/round.* | awk '{print $4 / $3}' | summary)"
echo "  server CPU µs per /api/me, alone: $(cat "$OUT"/alone-cpu.* | summary)"
echo "  login answers/s (all)        : $(column 5 | summary)"
echo "  logins signed in/s           : $(cat "$OUT"/round.* | awk '{print $5 * (1 - $8 / $7)}' | summary)"
echo "  login p50 ms                 : $(column 6 | summary)"
echo "  logins turned away (429/503) : $(cat "$OUT"/round.* | awk '{print $8 / $7}' | summary) of those sent"
rm -rf "$OUT" "$LOGIN_SCRIPT"
