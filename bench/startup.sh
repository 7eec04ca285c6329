#!/usr/bin/env bash
# Start-up time: from the server command to /health/ready UP and the service's own answer (the JWKS), as a user
# of `server start` or `standalone.sh` waits for it. This machine's speed swings between runs, so it measures in
# interleaved rounds: each round starts the server with the service, then the same server (same configuration and
# features) with no application at all, and each figure is the median of the rounds with its range. The difference
# is what the service adds; the server alone is the floor no change to the service can go below.
#
#   bash bench/startup.sh                  # Open Liberty, 5 rounds
#   SERVER=wildfly bash bench/startup.sh   # the same WAR on WildFly
#   ROUNDS=9 bash bench/startup.sh
#
# The first start of a new server is reported on its own: it also creates the server's TLS and LTPA keys (Liberty),
# the database schema and the signing key. The rounds are restarts, as after a deployment or a crash. Each round also
# splits the service's start by the server's own log: until the server begins to start the application, the
# application's start (persistence unit, CDI, OpenAPI document, migrations, keys), and the rest until it answers.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
source bench/server.sh
OUT=$(mktemp -d)
trap 'stop_bench_server 2>/dev/null || true; rm -rf "$OUT"' EXIT

if [ "${SERVER:-liberty}" = wildfly ]; then
    LOG=log/server.log
    APP_STARTING='WFLYSRV0027: Starting deployment of "jwt-auth.war"'
    APP_STARTED='WFLYSRV0010: Deployed "jwt-auth.war"'
else
    LOG=logs/messages.log
    APP_STARTING='CWWKZ0018I: Starting application jwt-auth'
    APP_STARTED='CWWKZ0001I: Application jwt-auth started'
fi

# seconds since midnight of the last line holding $1 in the server's log (Liberty "[12/2/26, 0:02:21:143 UTC]",
# its hour without a leading zero; WildFly "2026-12-02 00:02:21,143"; both log in the machine's time zone, UTC here)
log_time() {
    local time
    time=$(grep -F "$1" "$SERVER_DIR/$LOG" | tail -n1 \
        | grep -oE '[0-9]{1,2}:[0-9]{2}:[0-9]{2}[:,][0-9]{3}' | head -n1) || true
    if [ -z "$time" ]; then
        echo "no time for \"$1\" in $SERVER_DIR/$LOG" >&2
        return 1
    fi
    awk -F'[:,]' '{printf "%.3f", $1 * 3600 + $2 * 60 + $3 + $4 / 1000}' <<< "$time"
}

# b - a in seconds, both since midnight: a start may run past it
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f\n", (b - a + 86400) % 86400}'; }

# the phases of the start just made, appended to $OUT/{server,application,answer}
phases() {
    local launched starting started ready
    launched=$(TZ=UTC awk -v t="$LAUNCHED_AT" 'BEGIN {printf "%.3f", t % 86400}')
    ready=$(awk -v a="$launched" -v s="$STARTUP_SECONDS" 'BEGIN {printf "%.3f", a + s}')
    starting=$(log_time "$APP_STARTING")
    started=$(log_time "$APP_STARTED")
    elapsed "$launched" "$starting" >> "$OUT/server"
    elapsed "$starting" "$started" >> "$OUT/application"
    elapsed "$started" "$ready" >> "$OUT/answer"
}

build_bench_server
prepare_bench_server bench-empty no
prepare_bench_server bench yes

launch_bench_server bench yes
FIRST=$STARTUP_SECONDS
stop_bench_server
# the empty server's first start creates its keys too: not a part of the rounds
launch_bench_server bench-empty no
stop_bench_server
for round in $(seq 1 "$ROUNDS"); do
    launch_bench_server bench yes
    echo "$STARTUP_SECONDS" >> "$OUT/service"
    phases
    stop_bench_server
    launch_bench_server bench-empty no
    echo "$STARTUP_SECONDS" >> "$OUT/empty"
    stop_bench_server
    echo "round $round: with the service $(tail -n1 "$OUT/service") s, without an application $(tail -n1 "$OUT/empty") s" >&2
done

echo
echo "${SERVER:-liberty}, start-up in seconds from the server command to ready, $ROUNDS interleaved rounds: median (min–max)"
echo "| start | seconds |"
echo "| --- | --- |"
echo "| first start of a new server, with the service | $FIRST |"
echo "| restart, with the service | $(summary < "$OUT/service") |"
echo "|   until the server starts the application | $(summary < "$OUT/server") |"
echo "|   the application's start | $(summary < "$OUT/application") |"
echo "|   from then until it answers | $(summary < "$OUT/answer") |"
echo "| restart, the same server without an application | $(summary < "$OUT/empty") |"
echo "| what the service adds, within each round | $(paste "$OUT/service" "$OUT/empty" | awk '{print $1 - $2}' | summary) |"
