-- The whole schema of jwt-auth, written once for H2 and PostgreSQL alike.

CREATE TABLE users (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    -- the lower-cased username: uniqueness without regard to case is the database's job
    username_key  VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(100),
    password_hash VARCHAR(255) NOT NULL,
    roles         VARCHAR(100) NOT NULL,
    disabled      BOOLEAN      NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT users_username_key_unique UNIQUE (username_key)
);

CREATE TABLE signing_keys (
    kid         VARCHAR(64)   NOT NULL PRIMARY KEY,
    algorithm   VARCHAR(10)   NOT NULL,
    public_key  VARCHAR(4000) NOT NULL,
    private_key VARCHAR(8000) NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- when a newer key took over; the key stays published until its last token has expired
    retired_at  TIMESTAMP(6) WITH TIME ZONE
);

CREATE TABLE sessions (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP(6) WITH TIME ZONE,
    user_agent   VARCHAR(256)
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE refresh_tokens (
    id         VARCHAR(36) NOT NULL PRIMARY KEY,
    session_id VARCHAR(36) NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    -- SHA-256 of the token: the token itself is never stored
    token_hash VARCHAR(64) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    spent_at   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT refresh_tokens_hash_unique UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_session_id ON refresh_tokens (session_id);

-- Revoked token ids (jti) and sessions (sid), kept only until the tokens they name have expired.
CREATE TABLE revocations (
    id         VARCHAR(36) NOT NULL PRIMARY KEY,
    kind       VARCHAR(16) NOT NULL,
    revoked    VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX revocations_expires_at ON revocations (expires_at);

CREATE TABLE login_failures (
    username_key VARCHAR(64) NOT NULL PRIMARY KEY,
    failures     INTEGER     NOT NULL,
    window_start TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
