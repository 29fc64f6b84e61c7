package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sandbox's consent page as tests answer it: the form its "Allow" posts, and the code it gives back. */
public final class SandboxConsent {

    /** A PKCE verifier the tests use, and its S256 challenge. */
    public static final String VERIFIER = "zapconnect-tests-pkce-verifier-0123456789abcdef";
    public static final String CHALLENGE = s256(VERIFIER);

    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private SandboxConsent() {
    }

    /** The form "Allow" posts, as this sandbox account; every value is URL-encoded here. */
    public static String allowForm(String client, String redirectUri, String scope, String state, String account,
            String challenge) {
        return "client_id=" + enc(client) + "&redirect_uri=" + enc(redirectUri) + "&scope=" + enc(scope)
                + "&state=" + enc(state) + "&account=" + enc(account) + "&decision=allow"
                + (challenge == null ? "" : "&code_challenge=" + enc(challenge));
    }

    /** The authorization code in the URL Zapier sends the browser back to. */
    public static String code(String location) {
        Matcher code = CODE.matcher(location);
        assertTrue(code.find(), "a code in " + location);
        return code.group(1);
    }

    /** BASE64URL(SHA-256(verifier)), the S256 challenge (RFC 7636). */
    public static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
