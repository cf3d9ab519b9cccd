package id.satunik.index;

import id.satunik.StoreKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest of what holds templates (person store values, journal bodies): AES-256-GCM with a fresh
 * 96-bit nonce per value and the value's identity (a NIK, a journal sequence) as associated data, so a sealed value
 * moved under another key of the map does not open. Without a key it passes bytes through unchanged.
 *
 * <p>A store sealed with a key carries {@value #MARKER}: the cipher's name and a key check (a known text sealed
 * with the key), never the key. Opening such a store without its key, or with another, is refused with a message
 * saying so; giving a key to a store kept in the clear is refused too (it would mix clear and sealed values).
 *
 * <p>Sealed layout: magic 'S''E' | nonce (12 bytes) | ciphertext with 16-byte tag.
 *
 * <p>Thread-safe: a {@link Cipher} is made per call.
 */
final class TemplateCipher {
    static final String MARKER = "store.cipher";
    static final TemplateCipher CLEAR = new TemplateCipher(null);
    static final int MAGIC = ('S' << 8) | 'E';
    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CHECK_TEXT = "SatuNIK store key check".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private TemplateCipher(SecretKeySpec key) {
        this.key = key;
    }

    boolean encrypts() {
        return key != null;
    }

    /**
     * The cipher of the store in {@code dir}: checks {@code key} against the store's marker, writes the marker when
     * a new store gets a key.
     *
     * @param fresh true when the store holds no person yet (a key may then be set)
     */
    static TemplateCipher forStore(Path dir, StoreKey key, boolean fresh) {
        Path marker = dir.resolve(MARKER);
        boolean sealed = Files.exists(marker);
        if (!sealed && key == null) {
            return CLEAR;
        }
        if (sealed && key == null) {
            throw new IllegalStateException("store " + dir + " is encrypted at rest: give its key (--key-file FILE or "
                    + "the environment variable " + StoreKey.ENVIRONMENT + ")");
        }
        TemplateCipher cipher = new TemplateCipher(new SecretKeySpec(key.bytes(), "AES"));
        try {
            if (!sealed) {
                if (!fresh) {
                    throw new IllegalStateException("store " + dir + " is kept in the clear; a key was given. "
                            + "Open it without a key (encrypting an existing store is not supported)");
                }
                byte[] check = cipher.seal(CHECK_TEXT, 0);
                Files.writeString(marker, "AES-256-GCM " + HexFormat.of().formatHex(check) + "\n");
                return cipher;
            }
            String[] parts = Files.readString(marker).strip().split(" ");
            byte[] check = HexFormat.of().parseHex(parts[parts.length - 1]);
            if (!java.util.Arrays.equals(CHECK_TEXT, cipher.open(check, 0))) {
                throw new IllegalStateException("wrong key");
            }
            return cipher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + marker + ": " + e.getMessage(), e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("store ")) {
                throw e;
            }
            throw new IllegalStateException("the key given does not open store " + dir + " (it was encrypted with "
                    + "another key)", e);
        }
    }

    /** Encrypts {@code plain} bound to {@code identity}; the bytes unchanged without a key. */
    byte[] seal(byte[] plain, long identity) {
        if (key == null) {
            return plain;
        }
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(identity));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(2 + NONCE + sealed.length).putShort((short) MAGIC).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e, e);
        }
    }

    /** Decrypts a value sealed for {@code identity}; clear bytes pass unchanged without a key. */
    byte[] open(byte[] sealed, long identity) {
        boolean isSealed = sealed.length > 2 + NONCE && ((sealed[0] & 0xFF) << 8 | (sealed[1] & 0xFF)) == MAGIC;
        if (key == null) {
            if (isSealed) {
                throw new IllegalStateException("value is encrypted and no key was given");
            }
            return sealed;
        }
        if (!isSealed) {
            throw new IllegalStateException("value is not encrypted in an encrypted store");
        }
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 2, NONCE));
            cipher.updateAAD(aad(identity));
            return cipher.doFinal(sealed, 2 + NONCE, sealed.length - 2 - NONCE);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("encrypted value " + identity + " does not open with this key "
                    + "(altered, or sealed under another key)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e, e);
        }
    }

    private static byte[] aad(long identity) {
        return ByteBuffer.allocate(8).putLong(identity).array();
    }
}
