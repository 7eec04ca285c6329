#!/usr/bin/env bash
# What one flooding client does to everyone else's sign-in, and whether a login's time tells an unknown username
# from a wrong password. The bench plays a trusted proxy (AUTH_TRUSTED_PROXIES=127.0.0.1) and names each client in
# X-Forwarded-For. In interleaved rounds:
#   1. another client signs in one login at a time (a real user, the right password), alone and then while one
#      flooding client sends FLOODERS concurrent logins with made-up usernames; reported: that client's p50 and p95
#      latency in both states and their ratio (target: p95 flooded <= 3x alone), whether each of its sign-ins
#      succeeded, and what the flood got (answers/s, how many refused);
#   2. logins of unknown usernames and logins of a known user with a wrong password, strictly alternating, one at a
#      time, each from a client of its own (so no per-client limit is reached); reported: the median of each and
#      their ratio (target: within 10 %), and how many logins each is over (at least 200 a round in a full run).
#
#   bash bench/login-fairness.sh                   # 3 rounds: 15 s per sign-in run, 200 timed logins of each kind
#   ROUNDS=5 DURATION=20s TIMING_LOGINS=300 bash bench/login-fairness.sh
#   SERVER=wildfly bash bench/login-fairness.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
TIMING_LOGINS=${TIMING_LOGINS:-200}
FLOODERS=${FLOODERS:-32}
export AUTH_TRUSTED_PROXIES=127.0.0.1
source bench/server.sh
start_bench_server
sign_in # the real user: USER_NAME, PASSWORD

OUT=$(mktemp -d)
trap 'stop_bench_server; rm -rf "$OUT"' EXIT

# wrk scripts. Each wrk thread seeds its own generator; done() prints what the shell reads back.
REPORT='
function done(summary, latency, requests)
    io.write(string.format("p50_ms %.2f\np95_ms %.2f\nrequests %d\nnon2xx %d\n",
        latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests,
        summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout))
end'
SEEDING='
local id = 0
function setup(thread) id = id + 1; thread:set("id", id) end
function init(args) math.randomseed(os.time() * 1000 + (id or 0)) end
local function made_up() return string.format("x%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff)) end
'

cat > "$OUT/signin.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"username":"$USER_NAME","password":"$PASSWORD"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Forwarded-For"] = "203.0.113.10"
$REPORT
LUA
cat > "$OUT/flood.lua" <<LUA
$SEEDING
function request()
    return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-Forwarded-For"] = "198.51.100.66"},
        '{"username":"' .. made_up() .. '","password":"a guess"}')
end
LUA

login() { wrk -t1 -c"$1" -d"$2" --latency -s "$OUT/$3.lua" "$BASE/api/auth/login"; }
value() { awk -v k="$1" '$1 == k {print $2}'; }

# Logins of the two kinds strictly alternating, one at a time, each from a client of its own (curl, a client of
# nobody's here): whatever the machine does meanwhile hits both alike. Writes each kind's median and count.
timed_logins() {
    local times=$OUT/times.$1 i client
    : > "$times"
    for i in $(seq 1 "$TIMING_LOGINS"); do
        for kind in unknown wrong; do
            client="10.$((RANDOM % 250)).$((RANDOM % 250)).$((RANDOM % 250 + 1))"
            if [ $kind = unknown ]; then body="{\"username\":\"x$RANDOM$RANDOM$RANDOM\",\"password\":\"a wrong password\"}"
            else body="{\"username\":\"$USER_NAME\",\"password\":\"a wrong password\"}"; fi
            echo "$kind $(curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' \
                -H "X-Forwarded-For: $client" -d "$body" "$BASE/api/auth/login")" >> "$times"
        done
    done
    for kind in unknown wrong; do
        awk -v k=$kind '$1 == k {print $2 * 1000}' "$times" | sort -g \
            | awk '{a[NR] = $1} END {printf "p50_ms %.2f\nrequests %d\n", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2, NR}' \
            > "$OUT/$kind.$1"
    done
}

# warm up every path (JIT, pools, the hash, the counters)
login 1 5s signin >/dev/null
TIMING_LOGINS=10 timed_logins warm

for round in $(seq 1 "$ROUNDS"); do
    login 1 "$DURATION" signin > "$OUT/alone.$round"
    login "$FLOODERS" "$DURATION" flood > "$OUT/flood.$round" &
    flooding=$!
    sleep 1 # every flooding connection is busy before measuring
    login 1 "$DURATION" signin > "$OUT/flooded.$round"
    wait "$flooding"
    timed_logins "$round"

    a=$OUT/alone.$round f=$OUT/flooded.$round
    printf '%s %s %s %s %s %s %s %s %s %s %s %s\n' \
        "$(value p50_ms < "$a")" "$(value p95_ms < "$a")" "$(value p50_ms < "$f")" "$(value p95_ms < "$f")" \
        "$(value non2xx < "$a")" "$(value non2xx < "$f")" "$(rps < "$OUT/flood.$round")" \
        "$(awk '/Non-2xx or 3xx responses/ {print $5}' "$OUT/flood.$round")" \
        "$(value p50_ms < "$OUT/unknown.$round")" "$(value p50_ms < "$OUT/wrong.$round")" \
        "$(value requests < "$OUT/unknown.$round")" "$(value requests < "$OUT/wrong.$round")" > "$OUT/round.$round"
    read -r ap50 ap95 fp50 fp95 afail ffail frps frefused up50 wp50 un wn < "$OUT/round.$round"
    printf 'round %d: sign-in p50/p95 %s/%s ms alone, %s/%s ms flooded (failed: %s, %s); flood %s answers/s, %s refused; unknown user p50 %s ms (n=%s), wrong password p50 %s ms (n=%s)\n' \
        "$round" "$ap50" "$ap95" "$fp50" "$fp95" "$afail" "$ffail" "$frps" "${frefused:-0}" "$up50" "$un" "$wp50" "$wn"
done

column() { cat "$OUT"/round.* | awk -v c="$1" '{print $c}'; }
echo
echo "medians over $ROUNDS interleaved rounds (range), $FLOODERS flooding connections from one client, ${SERVER:-liberty}:"
echo "  sign-in p95 ms alone         : $(column 2 | summary)"
echo "  sign-in p95 ms flooded       : $(column 4 | summary)"
echo "  p95 growth (flooded/alone, target <= 3): $(cat "$OUT"/round.* | awk '{print $4 / $2}' | summary)"
echo "  sign-in p50 ms alone/flooded : $(column 1 | summary) / $(column 3 | summary)"
echo "  sign-ins that failed (alone + flooded, target 0): $(cat "$OUT"/round.* | awk '{s += $5 + $6} END {print s}')"
echo "  flood answers/s              : $(column 7 | summary)"
echo "  unknown username p50 ms      : $(column 9 | summary), over $(column 11 | awk '{s += $1} END {print s}') logins"
echo "  wrong password p50 ms        : $(column 10 | summary), over $(column 12 | awk '{s += $1} END {print s}') logins"
echo "  unknown/wrong (target 0.90-1.10): $(cat "$OUT"/round.* | awk '{print $9 / $10}' | summary)"
