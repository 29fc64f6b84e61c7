package io.zapconnect.model;

import java.util.List;
import java.util.Map;

/**
 * A run of an action, as Zapier reports it: {@code {"type": "run", "id"}} when it starts, then
 * {@code status} {@code waiting}, {@code success} or {@code error} with {@code results} and
 * {@code errors}.
 *
 * @param type always {@code run}
 * @param id the run's id
 * @param status {@code waiting}, {@code success} or {@code error}; absent in the answer that started it
 * @param results what the action returned; may be empty even on success
 * @param errors what went wrong, on error
 */
public record ActionRun(String type, String id, String status, List<Map<String, Object>> results,
        List<RunError> errors) {

    public ActionRun {
        results = results == null ? List.of() : results;
        errors = errors == null ? List.of() : errors;
    }

    /** Whether the run has ended, in success or error: asking again changes nothing. */
    public boolean finished() {
        return "success".equals(status) || "error".equals(status);
    }

    /**
     * One error of a run, from the app or from Zapier.
     *
     * @param code {@code user}, {@code authentication}, {@code partner}, {@code system}, {@code throttled}...
     * @param title a short summary
     * @param detail what happened this time
     */
    public record RunError(String code, String title, String detail) {
    }
}
