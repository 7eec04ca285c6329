#!/usr/bin/env bash
# What many live revocations cost one instance, on PostgreSQL (Open Liberty), for each count in COUNTS:
#   full resync   the start-up read of every live revocation (the revocations_resync_millis gauge)
#   catch-up      the periodic read of what is new: with nothing new, and with 1,000 rows committed meanwhile
#                 (revocations_catchup_micros_total / revocations_catchups_total; one catch-up every 2 s)
#   /api/me       requests per second and the server's CPU time per request, against a server with no revocations
#                 running at the same time, in interleaved rounds (medians and ranges)
# The in-memory set's size per entry is bench/revocation-memory.sh's figure (no server involved).
#
#   bash bench/revocation-scale.sh                         # 100,000 and 1,000,000 live revocations
#   COUNTS=100000 ROUNDS=5 DURATION=20s bash bench/revocation-scale.sh
#
# It needs the machine's PostgreSQL on 127.0.0.1:5432 (trust authentication, user postgres) and creates and drops
# databases of its own (jwtauth_scale_*).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNTS=${COUNTS:-"100000 1000000"}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
source bench/server.sh
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -t -A -v ON_ERROR_STOP=1)
KEK=$(head -c 32 /dev/urandom | base64)
# the account that reads /metrics, on Liberty's HTTPS port (HTTP port + 1 here)
METRICS_PASSWORD=$(head -c 18 /dev/urandom | base64)
WLP=target/liberty/wlp
mvn -B -q -DskipTests package liberty:create liberty:install-feature

servers=()
databases=()
cleanup() {
    for name in "${servers[@]}"; do "$WLP/bin/server" stop "$name" >/dev/null 2>&1 || true; done
    for db in "${databases[@]}"; do "${PSQL[@]}" -d test -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; done
}
trap cleanup EXIT

# name, port, database: a Liberty server of its own on a PostgreSQL database
start_server() {
    local name=$1 port=$2 db=$3 dir=$WLP/usr/servers/$1
    rm -rf "$dir"
    mkdir -p "$dir/dropins"
    cp server.xml "$dir/"
    cp -r "$WLP/usr/servers/defaultServer/lib" "$dir/"
    echo "keystore_password=bench-$RANDOM$RANDOM" > "$dir/server.env"
    cp target/jwt-auth.war "$dir/dropins/"
    DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" DB_USER=postgres AUTH_SIGNING_KEY_ENCRYPTION_KEY=$KEK \
        AUTH_METRICS_USERNAME=bench AUTH_METRICS_PASSWORD=$METRICS_PASSWORD AUTH_REGISTRATION_MAX_PER_ADDRESS=1000 HTTP_PORT=$port HTTPS_PORT=$((port + 1)) \
        "$WLP/bin/server" start "$name" >/dev/null
    servers+=("$name")
    for _ in $(seq 1 240); do
        curl -fs "http://127.0.0.1:$port/.well-known/jwks.json" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "$name did not start"; exit 1
}

stop_server() { "$WLP/bin/server" stop "$1" >/dev/null; }

new_database() {
    "${PSQL[@]}" -d test -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
    databases+=("$1")
}

# a metric sample from /metrics?scope=application: name (with suffix) of the server at a base URL, read as the
# metrics account over the server's HTTPS port (its own self-signed certificate)
metric() {
    local port=${2##*:}
    curl -fsk -u "bench:$METRICS_PASSWORD" "https://127.0.0.1:$((port + 1))/metrics?scope=application" |
        awk -v n="$1" 'index($1, n "{") == 1 || $1 == n {printf "%.0f\n", $2; exit}'
}

# rows as sign-outs and session ends would leave them; then the statistics that autovacuum would gather after such
# growth (without them PostgreSQL plans a sequential scan for the catch-up's range read)
insert_revocations() {
    "${PSQL[@]}" -d "$1" -c "INSERT INTO revocations (id, kind, revoked, expires_at)
        SELECT gen_random_uuid()::text, CASE WHEN i % 2 = 0 THEN 'TOKEN' ELSE 'SESSION' END, gen_random_uuid()::text,
               now() + interval '1 day' FROM generate_series(1, $2) AS i" -c "ANALYZE revocations"
}

pid_of() { pgrep -f -n "java.*ws-server.jar $1" || pgrep -f -n "java.*$1"; }

# the reference: a server with no revocations, on its own database, running beside the one measured
new_database jwtauth_scale_0
start_server scale-empty 9580 jwtauth_scale_0
BASE=http://127.0.0.1:9580 sign_in
EMPTY_TOKEN=$TOKEN
EMPTY_PID=$(pid_of scale-empty)

echo "| live revocations | full resync at start | catch-up, nothing new | catch-up, 1,000 new | /api/me req/s, empty → this (median, range) | ratio | server CPU µs per /api/me, empty → this |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for count in $COUNTS; do
    db=jwtauth_scale_$count
    new_database "$db"
    # the schema first (the service migrates it at start), then the rows, then the start whose resync is measured
    start_server scale-n 9680 "$db"
    stop_server scale-n
    insert_revocations "$db" "$count"
    start_server scale-n 9680 "$db"
    base=http://127.0.0.1:9680
    live=$(metric revocations_live "$base")
    resync=$(metric revocations_resync_millis "$base")
    sleep 1
    c0=$(metric revocations_catchups_total "$base"); s0=$(metric revocations_catchup_micros_total "$base")
    sleep 10
    c1=$(metric revocations_catchups_total "$base"); s1=$(metric revocations_catchup_micros_total "$base")
    idle=$(awk -v c0="$c0" -v c1="$c1" -v s0="$s0" -v s1="$s1" 'BEGIN {printf "%.1f", (s1 - s0) / (c1 - c0) / 1000}')
    insert_revocations "$db" 1000
    sleep 2.5
    c2=$(metric revocations_catchups_total "$base"); s2=$(metric revocations_catchup_micros_total "$base")
    burst=$(awk -v c1="$c1" -v c2="$c2" -v s1="$s1" -v s2="$s2" 'BEGIN {printf "%.1f", (s2 - s1) / (c2 - c1) / 1000}')
    [ "$(metric revocations_live "$base")" -ge $((live + 1000)) ] || { echo "the 1,000 new rows did not arrive"; exit 1; }

    BASE=$base sign_in
    pid=$(pid_of scale-n)
    me() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -H "Authorization: Bearer $2" "$3/api/me"; }
    # the empty server has run since the start, the other is fresh: warm it well, so that a cold JIT does not pass
    # for the cost of the revocations (after 10 s it ran at 0.37 of the empty one at 1,000,000, with no revocation
    # code in its profile)
    me 10s "$EMPTY_TOKEN" http://127.0.0.1:9580 >/dev/null
    me 45s "$TOKEN" "$base" >/dev/null
    rps_empty=(); rps_n=(); ratio=(); cpu_empty=(); cpu_n=()
    for _ in $(seq 1 "$ROUNDS"); do
        SERVER_PID=$EMPTY_PID; t0=$(cpu_ticks)
        out=$(me "$DURATION" "$EMPTY_TOKEN" http://127.0.0.1:9580); t1=$(cpu_ticks)
        r0=$(rps <<<"$out"); n0=$(awk '/requests in/ {print $1}' <<<"$out")
        SERVER_PID=$pid; t2=$(cpu_ticks)
        out=$(me "$DURATION" "$TOKEN" "$base"); t3=$(cpu_ticks)
        r1=$(rps <<<"$out"); n1=$(awk '/requests in/ {print $1}' <<<"$out")
        hz=$(getconf CLK_TCK)
        rps_empty+=("$r0"); rps_n+=("$r1"); ratio+=("$(awk -v a="$r1" -v b="$r0" 'BEGIN {print a / b}')")
        cpu_empty+=("$(awk -v t="$((t1 - t0))" -v n="$n0" -v hz="$hz" 'BEGIN {print t / hz / n * 1e6}')")
        cpu_n+=("$(awk -v t="$((t3 - t2))" -v n="$n1" -v hz="$hz" 'BEGIN {print t / hz / n * 1e6}')")
    done
    echo "| $(printf "%'d" "$live") | $resync ms | $idle ms | $burst ms | $(printf '%s\n' "${rps_empty[@]}" | summary) → $(printf '%s\n' "${rps_n[@]}" | summary) | $(printf '%s\n' "${ratio[@]}" | summary) | $(printf '%s\n' "${cpu_empty[@]}" | summary) → $(printf '%s\n' "${cpu_n[@]}" | summary) |"
    stop_server scale-n
done
