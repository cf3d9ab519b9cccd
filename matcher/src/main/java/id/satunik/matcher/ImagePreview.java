package id.satunik.matcher;

import id.satunik.ImageSource;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * An image decoded for display (an adjudication page) exactly as the extractor sees it: same formats (WSQ, PNG,
 * JPEG, TIFF, BMP), same size limits, same clear refusal naming the image.
 *
 * <p>Thread-safe: stateless.
 */
public final class ImagePreview {
    private ImagePreview() {
    }

    /**
     * @param subject names the record and sample in an error, e.g. "record 3507… RIGHT_THUMB image a.tif"
     * @throws id.satunik.InvalidInputException when the image is missing, unreadable, too large or corrupt
     */
    public static BufferedImage gray(ImageSource image, String subject) {
        GrayImage decoded = ImageDecoder.decode(image, subject);
        BufferedImage out = new BufferedImage(decoded.width(), decoded.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] target = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(decoded.pixels(), 0, target, 0, target.length);
        return out;
    }
}
