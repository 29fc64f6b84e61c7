package io.zapconnect.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts tokens at rest with AES-GCM. Each value gets a fresh 96-bit IV; the associated data
 * binds it to its user and column, so a ciphertext copied to another row does not decrypt.
 *
 * <p>Stored form: {@code v1.<key id>.<base64(iv || ciphertext)>}, where the key id is the start of
 * the key's SHA-256. Encryption uses the current key; decryption any configured key, so keys can
 * be rotated: add the new key as current, keep the old one in the old keys until every row has
 * been written again.
 */
public final class TokenCipher {

    private static final String PREFIX = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /**
     * @param currentKey the key to encrypt with, base64 of 16, 24 or 32 bytes
     * @param oldKeys keys that still decrypt, base64 each
     * @throws IllegalArgumentException when a key is not base64 of an AES key size
     */
    public TokenCipher(String currentKey, List<String> oldKeys) {
        SecretKeySpec current = key(currentKey);
        currentId = idOf(current);
        keys.put(currentId, current);
        for (String old : oldKeys) {
            if (old != null && !old.isBlank()) {
                SecretKeySpec key = key(old);
                keys.putIfAbsent(idOf(key), key);
            }
        }
    }

    public String encrypt(String plaintext, String associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + "." + currentId + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws IllegalStateException when the value was not made by a configured key for this
     *         associated data, or was altered
     */
    public String decrypt(String stored, String associatedData) {
        String[] parts = stored == null ? new String[0] : stored.split("\\.", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new IllegalStateException("Not an encrypted token");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("Encrypted with key " + parts[1] + ", which is not configured");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("An encrypted token failed its integrity check", e);
        }
    }

    /** Whether the value was encrypted with another key than the current one (rotate it). */
    public boolean needsReencryption(String stored) {
        return stored != null && !stored.startsWith(PREFIX + "." + currentId + ".");
    }

    /** Whether this is a key the cipher can use: base64 of 16, 24 or 32 bytes. */
    public static boolean usable(String base64) {
        try {
            key(base64);
            return true;
        } catch (IllegalArgumentException unusable) {
            return false;
        }
    }

    private static SecretKeySpec key(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A token encryption key must be base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException("A token encryption key must be 16, 24 or 32 bytes, base64");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String idOf(SecretKeySpec key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
