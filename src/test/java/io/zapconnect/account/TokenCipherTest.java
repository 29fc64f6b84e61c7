package io.zapconnect.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    static final String KEY_1 = key("first-key-of-exactly-32-bytes!!!");
    static final String KEY_2 = key("second-key-of-exactly-32-bytes!!");

    static String key(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsAndNeverShowsThePlaintext() {
        TokenCipher cipher = new TokenCipher(KEY_1, List.of());

        String sealed = cipher.encrypt("access-token-123", "ada|access");

        assertTrue(sealed.startsWith("v1."), sealed);
        assertFalse(sealed.contains("access-token-123"));
        assertEquals("access-token-123", cipher.decrypt(sealed, "ada|access"));
    }

    @Test
    void eachEncryptionUsesAFreshIv() {
        TokenCipher cipher = new TokenCipher(KEY_1, List.of());

        assertNotEquals(cipher.encrypt("same", "ada|access"), cipher.encrypt("same", "ada|access"));
    }

    @Test
    void aCiphertextMovedToAnotherUserOrColumnDoesNotDecrypt() {
        TokenCipher cipher = new TokenCipher(KEY_1, List.of());
        String sealed = cipher.encrypt("secret", "ada|access");

        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "linus|access"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "ada|refresh"));
    }

    @Test
    void anAlteredCiphertextIsRefused() {
        TokenCipher cipher = new TokenCipher(KEY_1, List.of());
        String sealed = cipher.encrypt("secret", "ada|access");
        int body = sealed.lastIndexOf('.') + 1;
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(body));
        bytes[bytes.length / 2] ^= 1;
        String altered = sealed.substring(0, body) + Base64.getEncoder().encodeToString(bytes);

        assertThrows(IllegalStateException.class, () -> cipher.decrypt(altered, "ada|access"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("plain-text", "ada|access"));
    }

    @Test
    void rotationDecryptsWithTheOldKeyAndEncryptsWithTheNew() {
        String underOld = new TokenCipher(KEY_1, List.of()).encrypt("secret", "ada|access");
        TokenCipher rotated = new TokenCipher(KEY_2, List.of(KEY_1));

        assertEquals("secret", rotated.decrypt(underOld, "ada|access"));
        assertTrue(rotated.needsReencryption(underOld));
        String underNew = rotated.encrypt("secret", "ada|access");
        assertFalse(rotated.needsReencryption(underNew));
        assertThrows(IllegalStateException.class,
                () -> new TokenCipher(KEY_1, List.of()).decrypt(underNew, "ada|access"),
                "the old key alone cannot read what the new one wrote");
        assertThrows(IllegalStateException.class, () -> new TokenCipher(KEY_2, List.of()).decrypt(underOld,
                "ada|access"), "once the old key is dropped, its values are unreadable");
    }

    @Test
    void keysMustBeBase64OfAnAesSize() {
        assertThrows(IllegalArgumentException.class, () -> new TokenCipher("not base64!", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TokenCipher(key("short"), List.of()));
    }
}
