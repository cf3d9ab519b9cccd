package id.satunik.matcher;

import id.satunik.EyePosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.UnusableSampleException;
import java.util.Locale;
import org.opencv.core.Mat;

/**
 * Near-infrared eye image → {@link IrisTemplate}: segmentation ({@link IrisSegmenter}), rubber-sheet
 * normalisation ({@link RubberSheet}) and Gabor phase encoding ({@link IrisEncoder}). Images where no iris can be
 * found, or where eyelids, lashes and reflections leave too little iris to identify anyone, are refused with the
 * reason ({@link UnusableSampleException}: the sample is dropped, the record goes on with its other samples).
 *
 * <p>Thread-safe: stateless; call it from as many threads as there are cores.
 */
public final class IrisExtractor {
    /** Smallest image side that can hold an iris of the radius the segmenter looks for. */
    static final int MIN_SIDE = 120;
    /** Below this grey-level standard deviation an image holds no eye (blank or saturated capture). */
    static final double MIN_CONTRAST = 8.0;
    /**
     * Fewer usable coefficients than this fraction of the grid are refused: such a code compares too few bits
     * for its distance to mean anything (the normalisation would push every comparison towards 0.5).
     */
    public static final double MIN_USABLE_FRACTION = 0.3;

    private final IrisSegmenter segmenter = new IrisSegmenter();

    /**
     * @throws UnusableSampleException naming the eye and image when the image decodes but is blank, holds no iris,
     *                                 or too little usable iris (a poor capture: the record goes on without it)
     * @throws InvalidInputException   naming the eye and image when the file is missing, unreadable, corrupt or
     *                                 too small to hold an iris (an input error)
     */
    public IrisTemplate extract(EyePosition position, ImageSource image) {
        String subject = position + " iris image " + image.name();
        GrayImage gray = ImageDecoder.decode(image, subject);
        return extract(position, gray, subject);
    }

    IrisTemplate extract(EyePosition position, GrayImage gray, String subject) {
        if (gray.width() < MIN_SIDE || gray.height() < MIN_SIDE) {
            throw new InvalidInputException(subject, String.format(Locale.ROOT,
                    "image %dx%d px is too small to hold an iris: each side needs at least %d px",
                    gray.width(), gray.height(), MIN_SIDE));
        }
        double contrast = gray.contrast();
        if (contrast < MIN_CONTRAST) {
            throw new UnusableSampleException(subject, String.format(Locale.ROOT,
                    "image is blank: grey-level deviation %.1f, below %.1f (no eye captured)", contrast, MIN_CONTRAST));
        }
        IrisSegmentation segmentation = segmenter.segment(gray, subject);
        IrisEncoder.Encoded encoded;
        try (OpenCv cv = new OpenCv()) {
            Mat texture = cv.gray(gray.width(), gray.height(), segmentation.texture());
            RubberSheet.Polar polar = RubberSheet.unwrap(cv, texture, segmentation.noise(), gray.width(),
                    gray.height(), segmentation.pupil(), segmentation.iris());
            encoded = IrisEncoder.encode(cv, polar);
        }
        double usable = encoded.usable() / (double) (IrisCode.ROWS * IrisCode.COLUMNS);
        if (usable < MIN_USABLE_FRACTION) {
            throw new UnusableSampleException(subject, String.format(Locale.ROOT,
                    "usable iris area too small: %.0f%% of the iris is free of eyelids, lashes and reflections, "
                            + "%.0f%% needed", 100 * usable, 100 * MIN_USABLE_FRACTION));
        }
        return new IrisTemplate(position, encoded.code(), encoded.mask());
    }
}
