package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/**
 * The sandbox's knobs for one of its users, as tests turn them: every change and every reset must
 * be taken (2xx), or a test would go on against the emulator in a state it did not ask for.
 *
 * @param sandbox the emulator's base, such as {@code /zapconnect/sandbox} or a full URL
 * @param token the sandbox user's access token
 */
public record Knobs(String sandbox, String token) {

    /** The demo WAR's emulator, for this user. */
    public static Knobs of(String token) {
        return new Knobs("/zapconnect/sandbox", token);
    }

    /** Sets these knobs (JSON, as {@code PUT /sandbox/knobs} takes them). */
    public void set(String json) {
        HttpResponse<String> answer = Http.send("PUT", sandbox + "/knobs", token, "application/json", json);
        assertTrue(answer.statusCode() / 100 == 2, "knobs " + json + ": " + answer.statusCode() + " " + answer.body());
    }

    /** Resets the user to the seeded data, with no faults. */
    public void reset() {
        HttpResponse<String> answer = Http.send("DELETE", sandbox + "/knobs", token, null, null);
        assertTrue(answer.statusCode() / 100 == 2, "knobs reset: " + answer.statusCode() + " " + answer.body());
    }

    /** The knobs as they are now, with what is left of a counted failure. */
    public JsonObject read() {
        return Http.json(Http.get(sandbox + "/knobs", token));
    }
}
