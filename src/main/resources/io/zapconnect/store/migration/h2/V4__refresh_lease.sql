-- Who refreshes a user's tokens, until when: claimed for the length of one call to the token
-- endpoint, which is made outside any transaction (milliseconds since the epoch; null: nobody).
ALTER TABLE zapconnect_tokens ADD COLUMN refresh_lease BIGINT;
