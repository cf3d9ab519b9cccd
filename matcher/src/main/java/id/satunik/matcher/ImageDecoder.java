package id.satunik.matcher;

import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import javax.imageio.ImageIO;

/**
 * Reads an encoded image (PNG, BMP, TIFF, JPEG: the formats of the JDK's ImageIO, TIFF included since JDK 9; WSQ,
 * the FBI's fingerprint compression, through {@link Wsq}) into greyscale pixels, turning every failure into an {@link InvalidInputException} that names the image.
 * Thread-safe: stateless.
 */
final class ImageDecoder {
    /** A decoded image over this many pixels is refused before it exhausts the heap of a batch run. */
    static final long MAX_PIXELS = 40_000_000L;

    private ImageDecoder() {
    }

    static GrayImage decode(ImageSource source, String subject) {
        return decode(read(source, subject), subject);
    }

    /** The encoded bytes of an image, or a clear refusal naming it when the file is missing, unreadable or empty. */
    static byte[] read(ImageSource source, String subject) {
        byte[] encoded;
        try {
            encoded = source.read();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(subject, "image file not found");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(subject, "image file not readable (permission denied)");
        } catch (IOException e) {
            throw new InvalidInputException(subject, "image file unreadable (" + e.getMessage() + ")", e);
        }
        if (encoded.length == 0) {
            throw new InvalidInputException(subject, "image file is empty (0 bytes)");
        }
        return encoded;
    }

    static GrayImage decode(byte[] encoded, String subject) {
        if (Wsq.isWsq(encoded)) {
            return Wsq.decode(encoded, subject);
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(subject, "corrupt image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new InvalidInputException(subject,
                    "not a PNG, BMP, TIFF, JPEG or WSQ image, or corrupt (" + encoded.length + " bytes)");
        }
        checkSize(image.getWidth(), image.getHeight(), subject);
        return toGray(image);
    }

    static void checkSize(long width, long height, String subject) {
        if (width * height > MAX_PIXELS) {
            throw new InvalidInputException(subject, "image " + width + "x" + height + " px is larger than "
                    + MAX_PIXELS + " pixels");
        }
    }

    private static GrayImage toGray(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getData().length == width * height) {
            return new GrayImage(width, height, buffer.getData().clone());
        }
        byte[] pixels = new byte[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int rgb = row[x];
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                // ITU-R BT.601 luma: fingerprint scanners that emit colour still encode grey levels.
                pixels[y * width + x] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
            }
        }
        return new GrayImage(width, height, pixels);
    }
}
