package id.satunik.matcher;

import id.satunik.FingerPosition;
import java.util.Objects;

/**
 * A serialized SourceAFIS template of one finger, as stored in the gallery.
 *
 * <p>Immutable (the bytes are copied); thread-safe.
 *
 * @param position the finger
 * @param minutiae how many minutiae the extractor found
 * @param bytes    SourceAFIS's serialized template (CBOR, about 1-2 KB)
 */
public record FingerTemplate(FingerPosition position, int minutiae, byte[] bytes) {
    public FingerTemplate {
        Objects.requireNonNull(position);
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Direct access without a copy, for serialisation inside this library. */
    byte[] bytesUnsafe() {
        return bytes;
    }
}
