package id.satunik.matcher;

import id.satunik.InvalidInputException;
import org.jnbis.api.Jnbis;
import org.jnbis.api.model.Bitmap;

/**
 * WSQ (Wavelet Scalar Quantization, the FBI's fingerprint compression and the image format of ANSI/NIST-ITL
 * Type-4 and Type-14 records) decoded by jnbis: a well-tested decoder of the NIST reference implementation,
 * rather than a hand-written one. A WSQ file is recognised by its content (the SOI marker 0xFFA0), not its name,
 * so a WSQ image is accepted wherever an image is.
 *
 * <p>Thread-safe: stateless (jnbis decodes each call into its own buffers).
 */
final class Wsq {
    private Wsq() {
    }

    /** Whether the bytes start with the WSQ start-of-image marker. */
    static boolean isWsq(byte[] encoded) {
        return encoded.length >= 2 && (encoded[0] & 0xFF) == 0xFF && (encoded[1] & 0xFF) == 0xA0;
    }

    static GrayImage decode(byte[] encoded, String subject) {
        Bitmap bitmap;
        try {
            bitmap = Jnbis.wsq().decode(encoded).asBitmap();
        } catch (RuntimeException e) {
            // jnbis reports truncated or corrupt streams as runtime exceptions (often out-of-bounds reads).
            throw new InvalidInputException(subject, "corrupt WSQ image (" + e + ")", e);
        }
        int width = bitmap.getWidth();
        int height = bitmap.getHeight();
        ImageDecoder.checkSize(width, height, subject);
        byte[] pixels = bitmap.getPixels();
        if (width <= 0 || height <= 0 || pixels == null || pixels.length < width * height) {
            throw new InvalidInputException(subject, "corrupt WSQ image (" + width + "x" + height + " px, "
                    + (pixels == null ? 0 : pixels.length) + " pixel bytes)");
        }
        return new GrayImage(width, height, pixels.length == width * height ? pixels : java.util.Arrays.copyOf(pixels, width * height));
    }
}
