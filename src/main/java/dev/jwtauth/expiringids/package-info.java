/**
 * A data structure of its own: a concurrent set of ids, each listed until an instant, compact for the canonical UUIDs
 * the service issues ({@link dev.jwtauth.expiringids.RevokedIds}, over a primitive open-addressing table and a
 * parser of UUID text). It knows nothing of tokens or sessions; {@code sessions} keeps its revocations in two of them.
 */
package dev.jwtauth.expiringids;
