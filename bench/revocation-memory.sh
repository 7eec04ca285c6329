#!/usr/bin/env bash
# What the live revocations cost in memory and per look-up: two ConcurrentHashMap<String, Instant> (token ids and
# session ids, as Revocations kept them before RevokedIds) against two RevokedIds (what it keeps now), for N
# revocations, half of each kind.
# Per structure and N: retained heap in MB of 10^6 bytes (System.gc(), heap used before and after loading; median
# of 3), the time to load N entries, and ns per look-up of ids present and absent (median of 5 rounds of 1,000,000
# look-ups, fresh Strings in random order). Plain Java, no server; timings swing with whatever else the machine runs.
# The heap size sets G1's region size, and with it what large arrays waste: the figures hold for 1 MB regions.
#
#   mvn -q -o compile && bash bench/revocation-memory.sh
#   SIZES="100000 1000000 2000000" HEAP=4g bash bench/revocation-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-100000 1000000}
HEAP=${HEAP:-2g}

if [[ ! -f target/classes/dev/jwtauth/expiringids/RevokedIds.class ]]; then
    echo "compile first: mvn -q -o compile" >&2
    exit 1
fi
mkdir -p target/bench-classes
javac -cp target/classes -d target/bench-classes bench/RevocationMemory.java
# shellcheck disable=SC2086 # SIZES is a list of arguments
java -Xms"$HEAP" -Xmx"$HEAP" -cp target/classes:target/bench-classes RevocationMemory $SIZES
