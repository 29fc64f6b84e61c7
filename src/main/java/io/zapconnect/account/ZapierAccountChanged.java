package io.zapconnect.account;

/**
 * A CDI event: a user's Zapier account was connected, reconnected or forgotten, so whatever was
 * known of it (cached lists of authentications) is stale.
 *
 * @param user the enterprise user's name
 */
public record ZapierAccountChanged(String user) {
}
