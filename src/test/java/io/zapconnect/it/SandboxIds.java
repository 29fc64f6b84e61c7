package io.zapconnect.it;

/** The sandbox catalog's ids that tests name: one place, so that a change of the catalog is one change. */
public final class SandboxIds {

    /** SuperExampleCRM: needs an account; the seeded user has two, one of them expired. */
    public static final String CRM = "4b3920d6-1d5a-4071-b837-9383dc511b80";
    /** Acme Sheets: needs an account; the seeded user has none. */
    public static final String SHEETS = "81f613aa-c98a-4383-a5fc-195e68647217";
    /** Webhooks: needs no account. */
    public static final String WEBHOOKS = "5d4b1a2c-8e0f-4c6b-9a77-3f2e1d0c9b8a";
    /** The CRM's "Create Deal", with a paged SELECT and a field that depends on it. */
    public static final String CRM_ACTION = "core:3kq9XyZr7Vb2LmNp4Qs8Tu1WcE";
    /** Webhooks' "POST", run with {@code "authentication": null}. */
    public static final String WEBHOOK_ACTION = "uag:1f188536-6dd0-4172-8414-2b90914ddee9";

    private SandboxIds() {
    }
}
