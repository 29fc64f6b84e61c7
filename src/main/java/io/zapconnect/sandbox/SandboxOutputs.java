package io.zapconnect.sandbox;

import io.zapconnect.sandbox.SandboxCatalog.SandboxAction;
import java.util.List;

/** What each action of the sandbox's catalog produces: the fields of its results, with samples. */
final class SandboxOutputs {

    /** One output field. */
    record Field(String id, String title, String sample) {
    }

    private SandboxOutputs() {
    }

    static List<Field> of(SandboxAction action) {
        return switch (action.key()) {
            case "create_deal" -> List.of(new Field("id", "Deal ID", "deal-1001"), new Field("name", "Deal Name", "Acme deal"),
                    new Field("pipeline", "Pipeline", "pipeline-sales"), new Field("url", "Deal URL",
                            "https://crm.example/deals/1001"));
            case "new_contact", "find_contact" -> List.of(new Field("id", "Contact ID", "contact-7"),
                    new Field("email", "Email", "ada@example.com"), new Field("name", "Name", "Ada Lovelace"));
            case "create_row", "new_row" -> List.of(new Field("row", "Row Number", "42"),
                    new Field("values[]", "Values", "Ada"));
            case "post" -> List.of(new Field("status", "Status", "success"), new Field("url", "URL",
                    "https://hooks.example/receive"));
            default -> List.of(new Field("id", "ID", "1"));
        };
    }
}
