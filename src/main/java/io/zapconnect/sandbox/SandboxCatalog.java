package io.zapconnect.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's fixed world: apps, their actions and the inputs of each action, the same for every
 * sandbox user. Titles are made up but shaped like real ones.
 */
final class SandboxCatalog {

    /** An app requiring authentication, seeded with two authentications per user, one expired. */
    static final String CRM = "4b3920d6-1d5a-4071-b837-9383dc511b80";
    /** An app requiring authentication that users have not connected yet. */
    static final String SHEETS = "81f613aa-c98a-4383-a5fc-195e68647217";
    /** An app that needs no authentication, like Webhooks: its connect link is null. */
    static final String WEBHOOKS = "5d4b1a2c-8e0f-4c6b-9a77-3f2e1d0c9b8a";

    record SandboxApp(String id, String title, String description, String icon, String hexColor,
            List<String> categories, List<String> actionTypes, boolean requiresAuthentication) {
    }

    record SandboxAction(String id, String key, String appId, String actionType, boolean instant, String title,
            String description) {
    }

    static final List<SandboxApp> APPS = List.of(
            new SandboxApp(CRM, "SuperExampleCRM", "SuperExampleCRM keeps your contacts, deals and pipeline in one place.",
                    "crm", "ff4f00", List.of("crm", "sales"), List.of("READ", "WRITE", "SEARCH"), true),
            new SandboxApp(SHEETS, "Acme Sheets", "Create, edit and share spreadsheets with your team.",
                    "sheets", "0f9d58", List.of("spreadsheets", "productivity"), List.of("READ", "WRITE"), true),
            new SandboxApp(WEBHOOKS, "Webhooks by Zapier", "Send requests to any URL and catch data sent to you.",
                    "webhooks", "ff4a00", List.of("developer-tools"), List.of("READ", "WRITE"), false),
            app("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e01", "Acme Mail", "Email for teams that ship.", "mail", "ea4335",
                    "email"),
            app("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e02", "Contoso Calendar", "Schedules, bookings and reminders.",
                    "calendar", "4285f4", "calendar"),
            app("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e03", "Fabrikam Helpdesk", "Tickets and customer conversations.",
                    "helpdesk", "03363d", "customer-support"),
            app("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e04", "Northwind Orders", "Orders, invoices and shipping.",
                    "orders", "96588a", "commerce"),
            app("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e05", "Tailspin Forms", "Forms and surveys that people finish.",
                    "forms", "7b61ff", "forms"),
            app("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e06", "Litware Chat", "Team chat with channels and threads.",
                    "chat", "4a154b", "team-chat"),
            app("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e07", "Adventure Docs", "Documents and wikis for everyone.",
                    "docs", "2684ff", "productivity"),
            app("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e08", "Wingtip Invoices", "Invoices and payments for small firms.",
                    "invoices", "2ca01c", "accounting"),
            app("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e09", "Proseware Tasks", "Tasks, boards and deadlines.",
                    "tasks", "f06a6a", "project-management"));

    static final List<SandboxAction> ACTIONS = List.of(
            new SandboxAction("core:8yjfgwyq03zskh3LOe9jPa5dOeW", "new_contact", CRM, "READ", true, "New Contact",
                    "Triggers when a new contact is created."),
            new SandboxAction("core:3kq9XyZr7Vb2LmNp4Qs8Tu1WcE", "create_deal", CRM, "WRITE", false, "Create Deal",
                    "Creates a deal in a pipeline."),
            new SandboxAction("core:5tR2wQ9eY7uI3oP1aS6dF8gH0j", "find_contact", CRM, "SEARCH", false, "Find Contact",
                    "Finds a contact by email address."),
            new SandboxAction("core:7hG5fD3sA1qW9eR7tY5uI3oP2l", "create_row", SHEETS, "WRITE", false,
                    "Create Spreadsheet Row", "Adds a row at the bottom of a worksheet."),
            new SandboxAction("core:2zX4cV6bN8mQ1wE3rT5yU7iO9p", "new_row", SHEETS, "READ", false,
                    "New Spreadsheet Row", "Triggers when a row is added at the bottom of a worksheet."),
            new SandboxAction("uag:1f188536-6dd0-4172-8414-2b90914ddee9", "post", WEBHOOKS, "WRITE", false, "POST",
                    "Fires off a single POST request as a form or JSON."),
            new SandboxAction("uag:6a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "catch_hook", WEBHOOKS, "READ", true,
                    "Catch Hook", "Triggers when a request is sent to a URL Zapier gives you."));

    /**
     * The options of each action's pipeline SELECT, served as choices, in this order: enough for
     * three pages of ten, as a real app's long lists come.
     */
    static final Map<String, String> SELECT_OPTIONS = pipelines();

    /** The options of the stage SELECT that a pipeline brings. */
    static final Map<String, String> STAGES = orderedOf("new", "New", "won", "Won", "lost", "Lost");

    private static Map<String, String> pipelines() {
        Map<String, String> options = orderedOf("pipeline-sales", "Sales pipeline", "pipeline-partners",
                "Partner pipeline", "pipeline-renewals", "Renewals");
        String[] regions = {"Amsterdam", "Berlin", "Chicago", "Dakar", "Edinburgh", "Florence", "Geneva", "Hanoi",
            "Istanbul", "Jakarta", "Kyoto", "Lagos", "Madrid", "Nairobi", "Oslo", "Porto", "Quito", "Riga",
            "Seoul", "Toronto", "Utrecht", "Vienna"};
        for (String region : regions) {
            options.put("pipeline-" + region.toLowerCase(java.util.Locale.ROOT), region + " region");
        }
        return java.util.Collections.unmodifiableMap(options);
    }

    private static Map<String, String> orderedOf(String... pairs) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return options;
    }

    private SandboxCatalog() {
    }

    private static SandboxApp app(String id, String title, String description, String icon, String color,
            String category) {
        return new SandboxApp(id, title, description, icon, color, List.of(category), List.of("READ", "WRITE"), true);
    }

    static Optional<SandboxApp> app(String id) {
        return APPS.stream().filter(app -> app.id().equalsIgnoreCase(id)).findFirst();
    }

    static Optional<SandboxAction> action(String id) {
        return ACTIONS.stream().filter(action -> action.id().equals(id)).findFirst();
    }
}
