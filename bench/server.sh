# Sourced by the bench scripts: builds the WAR and starts a server "bench" on $PORT with its own H2 database under
# target/bench-data, stopped when the script exits. On Liberty it is made from the project's server.xml, on WildFly
# (SERVER=wildfly) it is a copy of the server the `wildfly` Maven profile prepares (configure.cli) on a port offset.
# Sets BASE, SERVER_PID (for the server's CPU time), STARTUP_SECONDS (from the server command to /health/ready UP)
# and, after sign_in, TOKEN, USER_NAME and PASSWORD. A script with an EXIT trap of its own calls stop_bench_server.

PORT=${PORT:-9480}
BASE="http://127.0.0.1:${PORT}"

if ! command -v wrk >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

start_bench_server() {
    rm -rf target/bench-data
    export DB_URL="jdbc:h2:file:$PWD/target/bench-data/jwtauth;WRITE_DELAY=0"
    if [ "${SERVER:-liberty}" = wildfly ]; then
        mvn -B -q -Pwildfly -DskipTests pre-integration-test
        JBOSS_HOME=$(ls -d "$PWD"/target/wildfly/wildfly-*/)
        SERVER_DIR=$PWD/target/bench-wildfly
        OFFSET=$((PORT - 8080))
        rm -rf "$SERVER_DIR"
        mkdir -p "$SERVER_DIR/deployments"
        cp -r "$JBOSS_HOME/standalone/configuration" "$SERVER_DIR/"
        cp target/jwt-auth.war "$SERVER_DIR/deployments/"
        # the JWKS address follows jboss.http.port, which a port offset leaves at 8080
        local started=$(date +%s.%N)
        MP_JWT_VERIFY_PUBLICKEY_LOCATION="$BASE/.well-known/jwks.json" "$JBOSS_HOME/bin/standalone.sh" \
            -c standalone-microprofile.xml -Djboss.server.base.dir="$SERVER_DIR" \
            -Djboss.socket.binding.port-offset=$OFFSET >"$SERVER_DIR/console.log" 2>&1 &
        stop_bench_server() {
            "$JBOSS_HOME/bin/jboss-cli.sh" --connect --controller=localhost:$((9990 + OFFSET)) --command=:shutdown >/dev/null || true
        }
    else
        mvn -B -q -DskipTests package liberty:create liberty:install-feature
        WLP=target/liberty/wlp
        SERVER_DIR=$WLP/usr/servers/bench
        rm -rf "$SERVER_DIR"
        mkdir -p "$SERVER_DIR/dropins"
        cp server.xml "$SERVER_DIR/"
        cp -r "$WLP/usr/servers/defaultServer/lib" "$SERVER_DIR/"
        echo "keystore_password=bench-$RANDOM$RANDOM" > "$SERVER_DIR/server.env"
        cp target/jwt-auth.war "$SERVER_DIR/dropins/"
        local started=$(date +%s.%N)
        HTTP_PORT=$PORT HTTPS_PORT=$((PORT + 1)) "$WLP/bin/server" start bench >/dev/null
        stop_bench_server() { "$WLP/bin/server" stop bench >/dev/null || true; }
    fi
    trap stop_bench_server EXIT
    # the application's own answer too: WildFly's health is UP while the WAR is still being deployed
    for _ in $(seq 1 1200); do
        curl -fs "$BASE/health/ready" >/dev/null 2>&1 && curl -fs "$BASE/.well-known/jwks.json" >/dev/null 2>&1 && break
        sleep 0.1
    done
    STARTUP_SECONDS=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
    SERVER_PID=$(pgrep -f -n "java.*(bench|$SERVER_DIR)" || true)
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
