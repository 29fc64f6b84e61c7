-- What must outlive a hop to another server or a restart. Times are milliseconds since the epoch,
-- from the servers' clocks (kept in step by NTP).

-- A connect under way: the OAuth state sent to Zapier (its SHA-256 only), waiting to come back
-- once, with the PKCE verifier of its code (AES-GCM ciphertext, under the token store's key).
CREATE TABLE zapconnect_oauth_pending (
    state_hash    VARCHAR(64)   NOT NULL PRIMARY KEY,
    user_id       VARCHAR(255)  NOT NULL,
    code_verifier VARCHAR(1000) NOT NULL,
    expires_at    BIGINT        NOT NULL
);
CREATE INDEX zapconnect_oauth_pending_user ON zapconnect_oauth_pending (user_id);

-- Action runs started through the browser API: whose, how they stand, when Zapier is asked next.
CREATE TABLE zapconnect_action_runs (
    run_id      VARCHAR(255)  NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(255)  NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    results     TEXT,
    error       VARCHAR(2000),
    started_at  BIGINT        NOT NULL,
    next_ask_at BIGINT        NOT NULL,
    pause_ms    BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);
CREATE INDEX zapconnect_action_runs_updated ON zapconnect_action_runs (updated_at);

-- The first answer to a POST sent with an Idempotency-Key, per user and key (status 0: under way).
CREATE TABLE zapconnect_idempotency (
    owner_id     VARCHAR(255)  NOT NULL,
    idem_key     VARCHAR(255)  NOT NULL,
    request_hash VARCHAR(64)   NOT NULL,
    status       INTEGER       NOT NULL,
    location     VARCHAR(2000),
    body         TEXT,
    created_at   BIGINT        NOT NULL,
    PRIMARY KEY (owner_id, idem_key)
);
CREATE INDEX zapconnect_idempotency_created ON zapconnect_idempotency (created_at);

-- One Zapier budget for every server, a row per upstream: its cooldown, and the ring of the last
-- calls' start times (as many slots as calls a minute; the next call takes the slot of the call that
-- many places before it); and, where a caller may spend only a share, when each caller's calls
-- started (a SHA-256 of the caller).
CREATE TABLE zapconnect_budget (
    budget_key     VARCHAR(255) NOT NULL PRIMARY KEY,
    cooldown_until BIGINT       NOT NULL,
    next_slot      INTEGER      NOT NULL,
    version        BIGINT       NOT NULL
);
CREATE TABLE zapconnect_budget_slots (
    budget_key VARCHAR(255) NOT NULL,
    slot_no    INTEGER      NOT NULL,
    started_at BIGINT       NOT NULL,
    PRIMARY KEY (budget_key, slot_no)
);
CREATE TABLE zapconnect_budget_calls (
    budget_key VARCHAR(255) NOT NULL,
    caller     VARCHAR(64)  NOT NULL,
    started_at BIGINT       NOT NULL
);
CREATE INDEX zapconnect_budget_calls_caller ON zapconnect_budget_calls (budget_key, caller, started_at);
