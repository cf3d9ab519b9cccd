package id.satunik;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The 256-bit key that encrypts a store's templates at rest (AES-GCM). It comes from a file or the environment,
 * never from the store folder: a copy of the data without the key reveals no template.
 *
 * <p>Accepted text: 64 hexadecimal digits or the Base64 of 32 bytes (surrounding whitespace ignored); a file may
 * also hold the 32 raw bytes. {@link #toString()} never prints the key.
 *
 * <p>Immutable; thread-safe.
 */
public final class StoreKey {
    /** Environment variable {@link #fromEnvironment()} reads. */
    public static final String ENVIRONMENT = "SATUNIK_STORE_KEY";
    private final byte[] bytes;

    private StoreKey(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a store key is 32 bytes (AES-256), got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public static StoreKey of(byte[] bytes) {
        return new StoreKey(bytes);
    }

    /** Parses 64 hex digits or Base64 of 32 bytes. */
    public static StoreKey parse(String text, String where) {
        String t = text.strip();
        try {
            if (t.length() == 64 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return new StoreKey(HexFormat.of().parseHex(t));
            }
            return new StoreKey(Base64.getDecoder().decode(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " does not hold a store key (64 hex digits or Base64 of 32 bytes)");
        }
    }

    public static StoreKey fromFile(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length == 32) {
                return new StoreKey(raw);
            }
            return parse(new String(raw, StandardCharsets.US_ASCII), "key file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The key in {@value #ENVIRONMENT}, or null when the variable is unset or empty. */
    public static StoreKey fromEnvironment() {
        String value = System.getenv(ENVIRONMENT);
        return value == null || value.isBlank() ? null : parse(value, "environment variable " + ENVIRONMENT);
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreKey k && java.security.MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "StoreKey[hidden]";
    }
}
