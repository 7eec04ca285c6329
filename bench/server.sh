# Sourced by the bench scripts: start_bench_server builds the WAR and starts a server "bench" on $PORT with its own
# H2 database under target/bench-data, stopped when the script exits (bench/startup.sh uses its parts). On Liberty it is made from the project's server.xml, on WildFly
# (SERVER=wildfly) it is a copy of the server the `wildfly` Maven profile prepares (configure.cli) on a port offset.
# Sets BASE, SERVER_PID (for the server's CPU time), STARTUP_SECONDS (from the server command to /health/ready UP)
# and, after sign_in, TOKEN, USER_NAME and PASSWORD. A script with an EXIT trap of its own calls stop_bench_server.

PORT=${PORT:-9480}
BASE="http://127.0.0.1:${PORT}"

if ! command -v wrk >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

start_bench_server() {
    build_bench_server
    prepare_bench_server bench yes
    launch_bench_server bench yes
    trap stop_bench_server EXIT
}

# The WAR of the working tree, and the server it runs on
build_bench_server() {
    if [ "${SERVER:-liberty}" = wildfly ]; then
        mvn -B -q -Pwildfly -DskipTests pre-integration-test
    else
        mvn -B -q -DskipTests package liberty:create liberty:install-feature
    fi
}

# Makes a fresh server "$1" (its own H2 database under target/bench-data), with
# the WAR deployed if $2 is yes, or the same server with no application at all if it is no.
prepare_bench_server() {
    rm -rf target/bench-data
    export DB_URL="jdbc:h2:file:$PWD/target/bench-data/jwtauth;WRITE_DELAY=0"
    local dir
    dir=$(bench_server_dir "$1")
    rm -rf "$dir"
    if [ "${SERVER:-liberty}" = wildfly ]; then
        mkdir -p "$dir/deployments"
        cp -r "$(wildfly_home)/standalone/configuration" "$dir/"
        # `wildfly:run` leaves its deployment in the configuration, with content this server does not hold: WildFly
        # would refuse to boot (the same WAR is deployed twice). The bench server deploys from deployments/ only.
        sed -i '/<deployments>/,/<\/deployments>/d' "$dir/configuration/standalone-microprofile.xml"
        [ "$2" = yes ] && cp target/jwt-auth.war "$dir/deployments/"
    else
        mkdir -p "$dir/dropins"
        cp server.xml "$dir/"
        cp -r target/liberty/wlp/usr/servers/defaultServer/lib "$dir/"
        echo "keystore_password=bench-$RANDOM$RANDOM" > "$dir/server.env"
        [ "$2" = yes ] && cp target/jwt-auth.war "$dir/dropins/"
    fi
    return 0
}

# Starts the prepared server "$1" and waits until it is ready: /health/ready UP and, with the application ($2 yes),
# the application's own answer too (WildFly's health is UP while the WAR is still being deployed). Sets SERVER_DIR,
# SERVER_PID, STARTUP_SECONDS and stop_bench_server.
launch_bench_server() {
    SERVER_DIR=$(bench_server_dir "$1")
    local name=$1 started
    started=$(date +%s.%N)
    LAUNCHED_AT=$started
    if [ "${SERVER:-liberty}" = wildfly ]; then
        local offset=$((PORT - 8080))
        # the JWKS address follows jboss.http.port, which a port offset leaves at 8080
        MP_JWT_VERIFY_PUBLICKEY_LOCATION="$BASE/.well-known/jwks.json" "$(wildfly_home)/bin/standalone.sh" \
            -c standalone-microprofile.xml -Djboss.server.base.dir="$SERVER_DIR" \
            -Djboss.socket.binding.port-offset=$offset >"$SERVER_DIR/console.log" 2>&1 &
        stop_bench_server() {
            "$(wildfly_home)/bin/jboss-cli.sh" --connect --controller=localhost:$((9990 + PORT - 8080)) \
                --command=:shutdown >/dev/null || true
            wait_for_exit
        }
    else
        HTTP_PORT=$PORT HTTPS_PORT=$((PORT + 1)) target/liberty/wlp/bin/server start "$name" >/dev/null
        eval "stop_bench_server() { target/liberty/wlp/bin/server stop '$name' >/dev/null || true; }"
    fi
    local ready=no
    for _ in $(seq 1 2400); do
        if curl -fs "$BASE/health/ready" >/dev/null 2>&1; then
            if [ "$2" != yes ] || curl -fs "$BASE/.well-known/jwks.json" >/dev/null 2>&1; then ready=yes; break; fi
        fi
        sleep 0.05
    done
    if [ $ready = no ]; then
        echo "the server $name was not ready after 120 s" >&2
        if [ "${SERVER:-liberty}" = wildfly ]; then
            tail -n 20 "$SERVER_DIR/console.log" >&2
        else
            tail -n 20 "$SERVER_DIR/logs/messages.log" >&2
        fi
        return 1
    fi
    STARTUP_SECONDS=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
    SERVER_PID=$(pgrep -f -n "java.*($SERVER_DIR|ws-server.jar $name\$)" || true)
}

bench_server_dir() {
    if [ "${SERVER:-liberty}" = wildfly ]; then echo "$PWD/target/$1-wildfly"; else echo "target/liberty/wlp/usr/servers/$1"; fi
}

wildfly_home() { ls -d "$PWD"/target/wildfly/wildfly-*/ | head -n1; }

# WildFly's :shutdown answers before the process has gone; the next start needs the ports
wait_for_exit() {
    for _ in $(seq 1 200); do
        [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null || return 0
        sleep 0.1
    done
}

sign_in() {
    USER_NAME="bench-$RANDOM$RANDOM"
    PASSWORD="benchmark password $RANDOM"
    local credentials="{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}"
    curl -fs -H 'Content-Type: application/json' -d "$credentials" "$BASE/api/users" >/dev/null
    TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "$credentials" "$BASE/api/auth/login" \
        | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
    curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/me" >/dev/null
}

# The server process's CPU time so far (user + system), in clock ticks.
cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"
}

# Requests per second from wrk's output.
rps() { awk '/Requests\/sec/ {print $2}'; }

# A latency percentile (50%, 99%) from wrk --latency output, in milliseconds.
latency_ms() {
    awk -v p="$1" '$1 == p {v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
        print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v); exit}'
}

# Median and range of a list of numbers: "median (min–max)".
summary() {
    sort -g | awk '{a[NR] = $1} END {m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
        printf "%.2f (%.2f–%.2f)", m, a[1], a[NR]}'
}
