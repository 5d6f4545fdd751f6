-- Reliability: the sellers' Lazada tokens.
-- Instants are TIMESTAMP WITH TIME ZONE written in UTC.

-- One row per seller: the tokens in use. Seeded once from the environment; afterwards only a
-- refresh (or an explicit re-seed) replaces them, both tokens in one statement, so the new
-- refresh token is never lost while the old one has stopped working.
CREATE TABLE seller_token (
    seller_id           VARCHAR(64)   NOT NULL,
    access_token        VARCHAR(1000) NOT NULL,
    refresh_token       VARCHAR(1000) NOT NULL,
    access_issued_at    TIMESTAMP WITH TIME ZONE,          -- null: seeded, lifetime unknown
    access_expires_at   TIMESTAMP WITH TIME ZONE,
    refresh_expires_at  TIMESTAMP WITH TIME ZONE,
    seed_fingerprint    VARCHAR(64)   NOT NULL,            -- hash of the seeded tokens: a re-seed applies new ones once
    token_version       BIGINT        NOT NULL,            -- +1 on every change; a refresh stores only over the version it read
    auth_state          VARCHAR(16)   NOT NULL,            -- ACTIVE, REVOKED
    auth_problem        VARCHAR(1000),                     -- why REVOKED
    seeded_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (seller_id),
    CONSTRAINT seller_token_state CHECK (auth_state IN ('ACTIVE', 'REVOKED'))
);
