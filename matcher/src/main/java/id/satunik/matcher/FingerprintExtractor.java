package id.satunik.matcher;

import com.machinezoo.sourceafis.FingerprintImage;
import com.machinezoo.sourceafis.FingerprintImageOptions;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.UnusableSampleException;
import java.util.Locale;

/**
 * Fingerprint image (or standard minutia template) → SourceAFIS template, with the input checks an ABIS operator expects: the file exists and
 * decodes, the image is large enough to hold a fingerprint at its resolution, it is not blank, and the extractor
 * found enough minutiae to identify anyone.
 *
 * <p>Thread-safe: stateless; call it from as many threads as there are cores.
 */
public final class FingerprintExtractor {
    /** The smallest side that can hold a usable fingerprint area: a quarter inch (6.35 mm). */
    static final double MIN_SIDE_INCHES = 0.25;
    /** Below this grey-level standard deviation an image holds no ridges (blank or saturated capture). */
    static final double MIN_CONTRAST = 8.0;
    /**
     * Fewer minutiae than this identify nobody: at 5 or fewer even genuine SourceAFIS scores rarely pass 40,
     * while a partial print with a dozen still matches (FVC partial impressions).
     */
    public static final int MIN_MINUTIAE = 6;

    /**
     * @throws InvalidInputException   naming the finger and image when the image is missing, unreadable, corrupt
     *                                 or too small (an input error: the record should be fixed)
     * @throws UnusableSampleException when the image is blank or holds too few minutiae (a poor capture)
     */
    public FingerTemplate extract(FingerPosition position, ImageSource image, int dpi) {
        return prepare(position, image, dpi).stored();
    }

    /**
     * As {@link #extract}, keeping every form of the template the engine needs (serialized once, parsed once).
     *
     * @throws InvalidInputException   as {@link #extract}
     * @throws UnusableSampleException as {@link #extract}
     */
    public PreparedFinger prepare(FingerPosition position, ImageSource image, int dpi) {
        String subject = position + " image " + image.name();
        FingerprintTemplate template = extractTemplate(subject, image, dpi);
        byte[] bytes = template.toByteArray();
        FingerMinutiae minutiae = FingerMinutiae.parse(bytes);
        if (minutiae.count() < MIN_MINUTIAE) {
            throw new UnusableSampleException(subject, "no usable fingerprint: " + minutiae.count()
                    + " minutiae found, " + MIN_MINUTIAE + " needed");
        }
        return new PreparedFinger(new FingerTemplate(position, minutiae.count(), bytes), template, minutiae);
    }

    /**
     * Decodes and extracts without the minutiae floor: for 1:1 verification of arbitrary images. An ISO/IEC
     * 19794-2 or ANSI INCITS 378 minutia template given in place of the image is read as it is
     * ({@link MinutiaTemplates}); its own resolution applies.
     */
    public FingerprintTemplate extractTemplate(String subject, ImageSource image, int dpi) {
        byte[] encoded = ImageDecoder.read(image, subject);
        if (MinutiaTemplates.isTemplate(encoded)) {
            return MinutiaTemplates.read(encoded, subject);
        }
        GrayImage gray = ImageDecoder.decode(encoded, subject);
        int minSide = (int) Math.ceil(MIN_SIDE_INCHES * dpi);
        if (gray.width() < minSide || gray.height() < minSide) {
            throw new InvalidInputException(subject, String.format(Locale.ROOT,
                    "image %dx%d px is too small to hold a fingerprint: at %d dpi each side needs at least %d px (%.2f in)",
                    gray.width(), gray.height(), dpi, minSide, MIN_SIDE_INCHES));
        }
        double contrast = gray.contrast();
        if (contrast < MIN_CONTRAST) {
            throw new UnusableSampleException(subject, String.format(Locale.ROOT,
                    "image is blank: grey-level deviation %.1f, below %.1f (no ridges captured)", contrast, MIN_CONTRAST));
        }
        FingerprintImage fingerprint = new FingerprintImage(gray.width(), gray.height(), gray.pixels(),
                new FingerprintImageOptions().dpi(dpi));
        return new FingerprintTemplate(fingerprint);
    }
}
