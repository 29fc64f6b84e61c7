package io.zapconnect.it;

import static io.zapconnect.it.Http.get;
import static io.zapconnect.it.Http.json;
import static io.zapconnect.it.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The emulator's OAuth 2.0 endpoints, as a server-side client uses them. */
@ExtendWith(ArquillianExtension.class)
class SandboxOAuthIT {

    static final String AUTHORIZE = "/zapconnect/sandbox/v2/authorize";
    static final String TOKEN_URL = "/zapconnect/sandbox/oauth/token/";
    static final String CLIENT = "sandbox-client";
    static final String SECRET = "sandbox-secret";

    static String redirectUri() {
        return Http.server() + "/zapconnect/api/zapier/callback";
    }

    static String enc(String s) {
        return SandboxConsent.enc(s);
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs in as the account through the authorize page's form; the code from the redirect. */
    static String authorize(String account, String state) {
        HttpResponse<String> page = get(AUTHORIZE + "?response_type=code&client_id=" + CLIENT + "&redirect_uri="
                + enc(redirectUri()) + "&scope=" + enc("zap zap:write authentication") + "&state=" + state
                + "&response_mode=query&code_challenge=" + SandboxConsent.CHALLENGE + "&code_challenge_method=S256",
                null);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("name=\"state\" value=\"" + state + "\""));
        HttpResponse<String> decided = send("POST", AUTHORIZE, null, "application/x-www-form-urlencoded",
                SandboxConsent.allowForm(CLIENT, redirectUri(), "zap", state, account, SandboxConsent.CHALLENGE));
        assertEquals(303, decided.statusCode());
        URI back = URI.create(decided.headers().firstValue("Location").orElseThrow());
        assertTrue(back.toString().startsWith(redirectUri()), back.toString());
        assertTrue(back.getQuery().contains("state=" + state), back.toString());
        return SandboxConsent.code(back.toString());
    }

    /** The token endpoint's form for a code, with the tests' PKCE verifier. */
    static String codeForm(String code, String redirectUri) {
        return "grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc(redirectUri) + "&code_verifier="
                + SandboxConsent.VERIFIER;
    }

    static HttpResponse<String> token(String authorization, String form) {
        return Http.send(Http.request(TOKEN_URL).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static JsonObject exchange(String code) {
        HttpResponse<String> answer = token(basic(CLIENT, SECRET), codeForm(code, redirectUri()));
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer);
    }

    @Test
    void theCodeFlowIssuesTokensThatCallTheApiAsThatUser() {
        JsonObject tokens = exchange(authorize("erin", "s-1"));

        assertEquals("Bearer", tokens.getString("token_type"));
        assertEquals(600, tokens.getInt("expires_in"), "the test server's configured lifetime");
        assertTrue(tokens.getString("refresh_token").length() > 20);
        HttpResponse<String> apps = get(SandboxApiIT.V2 + "/authentications?app=" + SandboxApiIT.CRM,
                tokens.getString("access_token"));
        assertEquals(200, apps.statusCode());
        assertTrue(apps.body().contains("erin@example.com"), apps.body());
    }

    @Test
    void aCodeWorksOnceAndOnlyWithItsRedirectUri() {
        String code = authorize("erin", "s-2");
        HttpResponse<String> wrongRedirect = token(basic(CLIENT, SECRET), codeForm(code, "http://localhost/elsewhere"));
        assertEquals(400, wrongRedirect.statusCode());
        assertEquals("invalid_grant", json(wrongRedirect).getString("error"));

        String second = authorize("erin", "s-3");
        exchange(second);
        HttpResponse<String> replay = token(basic(CLIENT, SECRET), codeForm(second, redirectUri()));
        assertEquals("invalid_grant", json(replay).getString("error"));
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenIsRejected() {
        JsonObject first = exchange(authorize("frank", "s-4"));
        String oldRefresh = first.getString("refresh_token");

        HttpResponse<String> refreshed = token(basic(CLIENT, SECRET), "grant_type=refresh_token&refresh_token="
                + oldRefresh);
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        JsonObject second = json(refreshed);
        assertNotEquals(oldRefresh, second.getString("refresh_token"));
        assertNotEquals(first.getString("access_token"), second.getString("access_token"));

        HttpResponse<String> again = token(basic(CLIENT, SECRET), "grant_type=refresh_token&refresh_token="
                + oldRefresh);
        assertEquals(400, again.statusCode());
        assertEquals("invalid_grant", json(again).getString("error"));
    }

    @Test
    void aCodeIssuedWithAPkceChallengeNeedsItsVerifier() {
        String verifier = "a-verifier-of-forty-three-characters-or-more-0123";
        String challenge = s256(verifier);
        String code = authorizeWithChallenge("hana", challenge);
        HttpResponse<String> wrong = token(basic(CLIENT, SECRET), "grant_type=authorization_code&code=" + code
                + "&redirect_uri=" + enc(redirectUri()) + "&code_verifier=not-the-verifier-but-long-enough-0123456");
        assertEquals(400, wrong.statusCode(), wrong.body());
        assertEquals("invalid_grant", json(wrong).getString("error"));

        String again = authorizeWithChallenge("hana", challenge);
        HttpResponse<String> none = token(basic(CLIENT, SECRET), "grant_type=authorization_code&code=" + again
                + "&redirect_uri=" + enc(redirectUri()));
        assertEquals(400, none.statusCode(), "a verifier is required once a challenge was sent");

        String third = authorizeWithChallenge("hana", challenge);
        HttpResponse<String> right = token(basic(CLIENT, SECRET), "grant_type=authorization_code&code=" + third
                + "&redirect_uri=" + enc(redirectUri()) + "&code_verifier=" + verifier);
        assertEquals(200, right.statusCode(), right.body());
    }

    @Test
    void thePlainPkceMethodIsRefused() {
        HttpResponse<String> page = get(AUTHORIZE + "?response_type=code&client_id=" + CLIENT + "&redirect_uri="
                + enc(redirectUri()) + "&scope=zap&state=p&code_challenge=" + s256("x".repeat(43))
                + "&code_challenge_method=plain", null);

        assertEquals(303, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().contains("error=invalid_request"));
    }

    static String s256(String verifier) {
        return SandboxConsent.s256(verifier);
    }

    /** Signs in with a PKCE challenge on the authorization request, as Zapconnect does. */
    static String authorizeWithChallenge(String account, String challenge) {
        HttpResponse<String> page = get(AUTHORIZE + "?response_type=code&client_id=" + CLIENT + "&redirect_uri="
                + enc(redirectUri()) + "&scope=zap&state=p&code_challenge=" + challenge
                + "&code_challenge_method=S256", null);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("name=\"code_challenge\" value=\"" + challenge + "\""), page.body());
        HttpResponse<String> decided = send("POST", AUTHORIZE, null, "application/x-www-form-urlencoded",
                SandboxConsent.allowForm(CLIENT, redirectUri(), "zap", "p", account, challenge));
        return SandboxConsent.code(decided.headers().firstValue("Location").orElseThrow());
    }

    /** Zapconnect always sends a challenge; the sandbox, like an OAuth 2.1 server, asks for one. */
    @Test
    void anAuthorizationWithoutAPkceChallengeIsRefused() {
        HttpResponse<String> page = get(AUTHORIZE + "?response_type=code&client_id=" + CLIENT + "&redirect_uri="
                + enc(redirectUri()) + "&scope=zap&state=n", null);
        assertEquals(303, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").orElseThrow().contains("error=invalid_request"));

        HttpResponse<String> decided = send("POST", AUTHORIZE, null, "application/x-www-form-urlencoded",
                SandboxConsent.allowForm(CLIENT, redirectUri(), "zap", "n", "hana", null));
        String location = decided.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("error=invalid_request") && !location.contains("code="), location);
    }

    @Test
    void clientCredentialsAreRequired() {
        HttpResponse<String> answer = token(basic(CLIENT, "wrong"), "grant_type=refresh_token&refresh_token=x");

        assertEquals(401, answer.statusCode());
        assertEquals("invalid_client", json(answer).getString("error"));
    }

    @Test
    void anUnregisteredRedirectUriGetsAnErrorPageNotARedirect() {
        HttpResponse<String> page = get(AUTHORIZE + "?response_type=code&client_id=" + CLIENT + "&redirect_uri="
                + enc("https://evil.example/cb") + "&state=x", null);

        assertEquals(400, page.statusCode());
        assertTrue(page.headers().firstValue("Location").isEmpty());
    }

    @Test
    void cancelSendsAccessDeniedWithTheState() {
        HttpResponse<String> decided = send("POST", AUTHORIZE, null, "application/x-www-form-urlencoded",
                "client_id=" + CLIENT + "&redirect_uri=" + enc(redirectUri()) + "&state=s-5&decision=cancel");

        String location = decided.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("error=access_denied") && location.contains("state=s-5"), location);
    }

    @Test
    void anExpiredAccessTokenIsRefusedAndTheRefreshTokenGetsANewOne() {
        JsonObject tokens = exchange(authorize("grace", "s-6"));
        String access = tokens.getString("access_token");
        assertEquals(200, get(SandboxApiIT.V2 + "/apps", access).statusCode());

        assertEquals(204, send("POST", "/zapconnect/sandbox/knobs/expire-access-token", access, null, null).statusCode());

        assertEquals(401, get(SandboxApiIT.V2 + "/apps", access).statusCode());
        HttpResponse<String> refreshed = token(basic(CLIENT, SECRET), "grant_type=refresh_token&refresh_token="
                + enc(tokens.getString("refresh_token")));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals(200, get(SandboxApiIT.V2 + "/apps", json(refreshed).getString("access_token")).statusCode());
    }
}
