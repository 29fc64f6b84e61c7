-- Zapconnect's token store: one row per enterprise user. Tokens are AES-GCM ciphertext
-- ("v1.<key id>.<base64>"), never plain text.
CREATE TABLE zapconnect_tokens (
    user_id       VARCHAR(255)  NOT NULL PRIMARY KEY,
    access_token  VARCHAR(4000) NOT NULL,
    refresh_token VARCHAR(4000) NOT NULL,
    expires_at    TIMESTAMP     NOT NULL,
    scope         VARCHAR(1000),
    connected_at  TIMESTAMP     NOT NULL,
    version       BIGINT        NOT NULL
);
