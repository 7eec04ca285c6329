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
# It builds the WAR, makes a server "bench" on port 9480 with its own H2 database under target/bench-data, and
# stops it at the end: on Liberty from the project's server.xml, on WildFly a copy of the server the `wildfly`
# Maven profile prepares (configure.cli) on a port offset. Only loopback traffic.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-9480}
BASE="http://127.0.0.1:${PORT}"

if ! command -v wrk >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

rm -rf target/bench-data
export DB_URL="jdbc:h2:file:$PWD/target/bench-data/jwtauth"
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
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$BASE/.well-known/jwks.json" "$JBOSS_HOME/bin/standalone.sh" \
        -c standalone-microprofile.xml -Djboss.server.base.dir="$SERVER_DIR" \
        -Djboss.socket.binding.port-offset=$OFFSET >"$SERVER_DIR/console.log" 2>&1 &
    trap '"$JBOSS_HOME/bin/jboss-cli.sh" --connect --controller=localhost:$((9990 + OFFSET)) --command=:shutdown >/dev/null' EXIT
    READY="http://127.0.0.1:$((9990 + OFFSET))/health/ready"
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
    HTTP_PORT=$PORT HTTPS_PORT=$((PORT + 1)) "$WLP/bin/server" start bench >/dev/null
    trap '"$WLP/bin/server" stop bench >/dev/null' EXIT
    READY="$BASE/health/ready"
fi
for _ in $(seq 1 240); do
    curl -fs "$READY" >/dev/null 2>&1 && break
    sleep 0.5
done

USER_NAME="bench-$RANDOM$RANDOM"
PASSWORD="benchmark password $RANDOM"
curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}" "$BASE/api/users" >/dev/null
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}" \
    "$BASE/api/auth/login" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/me" >/dev/null

REFRESH_SCRIPT=$(mktemp --suffix=.lua)
cat > "$REFRESH_SCRIPT" <<'LUA'
wrk.method = "POST"
wrk.body = '{"refresh_token":"no-such-refresh-token"}'
wrk.headers["Content-Type"] = "application/json"
LUA

me()      { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -H "Authorization: Bearer $TOKEN" "$BASE/api/me"; }
jwks()    { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" "$BASE/.well-known/jwks.json"; }
refresh() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -s "$REFRESH_SCRIPT" "$BASE/api/auth/refresh"; }
rps()     { awk '/Requests\/sec/ {print $2}'; }

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
