-- Attempt counters are keyed by namespace (login per account, per client, per account and client; registration per
-- client), so that no user input can name another kind's counter; a key of an account and a client is longer
-- than a username. Old keys (bare usernames, registration@address) are no longer read and leave with the purge.
ALTER TABLE login_failures ALTER COLUMN username_key SET DATA TYPE VARCHAR(255);
