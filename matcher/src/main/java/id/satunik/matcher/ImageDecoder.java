package id.satunik.matcher;

import id.satunik.ImageSource;
import id.satunik.InputLimits;
import id.satunik.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an encoded image (PNG, BMP, TIFF, JPEG: the formats of the JDK's ImageIO, TIFF included since JDK 9; WSQ,
 * the FBI's fingerprint compression, through {@link Wsq}) into greyscale pixels, turning every failure into an {@link InvalidInputException} that names the image.
 * Thread-safe: stateless.
 */
final class ImageDecoder {
    /** An image whose header declares more pixels is refused before decoding, so it cannot exhaust the heap. */
    static final long MAX_PIXELS = InputLimits.MAX_PIXELS;

    private ImageDecoder() {
    }

    static GrayImage decode(ImageSource source, String subject) {
        return decode(read(source, subject), subject);
    }

    /**
     * The encoded bytes of an image, or a clear refusal naming it when the file is missing, unreadable, empty or
     * over the size limit.
     */
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
        if (encoded.length > InputLimits.MAX_IMAGE_BYTES) {
            throw new InvalidInputException(subject, "image of " + encoded.length + " bytes is larger than the "
                    + InputLimits.MAX_IMAGE_BYTES + "-byte limit");
        }
        return encoded;
    }

    /** Decodes WSQ (jnbis) or an ImageIO format, the declared size checked before the pixels are decoded. */
    static GrayImage decode(byte[] encoded, String subject) {
        try {
            if (Wsq.isWsq(encoded)) {
                return Wsq.decode(encoded, subject);
            }
            return toGray(read(encoded, subject));
        } catch (OutOfMemoryError e) {
            // the header passed the pixel limit, yet decoding needed more memory than the heap has left
            throw new InvalidInputException(subject, "image needs more memory to decode than is available", null);
        }
    }

    /** Decodes with the first ImageIO reader of the format, after checking the size its header declares. */
    private static BufferedImage read(byte[] encoded, String subject) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidInputException(subject,
                        "not a PNG, BMP, TIFF, JPEG or WSQ image, or corrupt (" + encoded.length + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
                    throw new InvalidInputException(subject, "image header declares " + width + "x" + height
                            + " px; at most " + MAX_PIXELS + " pixels are decoded");
                }
                // a truncated or damaged file often decodes "successfully", its missing part grey, with a warning
                java.util.List<String> warnings = new java.util.ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new InvalidInputException(subject, "corrupt image (" + encoded.length + " bytes)");
                }
                if (!warnings.isEmpty()) {
                    throw new InvalidInputException(subject, "corrupt or truncated image (" + warnings.getFirst()
                            + ", " + encoded.length + " bytes)");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(subject, "corrupt image (" + e.getMessage() + ")", e);
        }
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
