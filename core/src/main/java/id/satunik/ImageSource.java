package id.satunik;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a biometric image comes from: a file (batch manifests) or bytes already in memory (services that
 * receive images over the wire). Decoding happens in the matcher; this only names and reads.
 *
 * <p>Immutable; thread-safe.
 */
public sealed interface ImageSource permits ImageSource.FileImage, ImageSource.MemoryImage {

    /** A short name for messages and reports: the file path or the caller's label. */
    String name();

    /** The encoded image bytes (PNG, BMP, TIFF, JPEG, …). */
    byte[] read() throws IOException;

    static ImageSource of(Path file) {
        return new FileImage(file);
    }

    static ImageSource of(String name, byte[] encoded) {
        return new MemoryImage(name, encoded);
    }

    /** An image file on disk, read when the record is processed. */
    record FileImage(Path path) implements ImageSource {
        public FileImage {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return path.toString();
        }

        /**
         * Reads within {@link InputLimits}: a regular file only (no pipe or device), at most
         * {@link InputLimits#MAX_IMAGE_BYTES}, within {@link InputLimits#READ_TIMEOUT_SECONDS}.
         */
        @Override
        public byte[] read() throws IOException {
            return ImageFiles.read(path, InputLimits.MAX_IMAGE_BYTES, InputLimits.READ_TIMEOUT_SECONDS);
        }
    }

    /** An encoded image held in memory; the bytes are copied in and out so the value stays immutable. */
    record MemoryImage(String name, byte[] encoded) implements ImageSource {
        public MemoryImage {
            Objects.requireNonNull(name, "name");
            encoded = encoded.clone();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }

        @Override
        public byte[] read() {
            return encoded.clone();
        }
    }
}
