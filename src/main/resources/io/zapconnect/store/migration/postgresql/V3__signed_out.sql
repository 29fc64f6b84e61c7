-- Sign-in cookies whose user signed out before they expired: their SHA-256, refused by every server.
CREATE TABLE zapconnect_signed_out (
    cookie_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at  BIGINT      NOT NULL
);
CREATE INDEX zapconnect_signed_out_expires ON zapconnect_signed_out (expires_at);
