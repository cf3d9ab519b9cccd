package id.satunik.matcher;

import id.satunik.EyePosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.UnusableSampleException;
import java.util.Locale;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

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
     * Images whose shorter side exceeds this are scaled down to it before segmentation (area averaging): an
     * ISO/IEC 19794-6 640x480 capture with an iris of 150+ px across becomes 400x300 with 47+ px of iris radius, the
     * scale of the CASIA and IITD captures (iris radius 45-120 px at 320x240/280), which the segmenter's
     * structuring elements and search steps are sized for; it also keeps extraction at the cost of a small image.
     */
    static final int WORKING_SIDE = 300;
    /**
     * Iris texture is smoother than fingerprint ridges: mean absolute Laplacian over the ring, as a fraction of the
     * image's range, is 0.007-0.016 (5th-95th percentile) on CASIA-Iris-Interval, CASIA-V1 and IITD, 0.027-0.030 on
     * the FVC2000 fingerprints that pass every other test of the segmenter.
     */
    static final double MAX_SHARPNESS = 0.022;
    /**
     * Fewer usable coefficients than this fraction of the grid are refused: such a code compares too few bits
     * for its distance to mean anything (the normalisation pushes every comparison towards 0.5). Was 30%; at 20%
     * IITD refuses 3.6% of its images instead of 9% and FMR at score 40 stays within the model on every set, since
     * the normalisation already discounts a distance over few bits (docs/iris.md).
     */
    public static final double MIN_USABLE_FRACTION = 0.2;

    private final IrisSegmenter segmenter;
    private final double minQuality;

    /** An extractor that refuses only eyes whose code is unusable (no iris, too little usable iris). */
    public IrisExtractor() {
        this(0);
    }

    /**
     * An extractor that also refuses eyes whose {@link IrisQuality#score()} is below {@code minQuality} (0..100; 0
     * refuses none on quality): an operator's choice, e.g. to ask for a recapture at the enrolment desk.
     */
    public IrisExtractor(double minQuality) {
        if (!(minQuality >= 0 && minQuality <= 100)) {
            throw new IllegalArgumentException("minimum iris quality must be 0..100, got " + minQuality);
        }
        this.minQuality = minQuality;
        this.segmenter = new IrisSegmenter();
    }

    private IrisExtractor(IrisSegmenter segmenter) {
        this.minQuality = 0;
        this.segmenter = segmenter;
    }

    /**
     * The extractor as the fingerprint extractor's eye test was measured with (figures at FingerprintExtractor
     * EYE_RIDGE_FRACTION and EYE_IRIS_RIDGE_EXCESS): code reflections
     * masked from {@link IrisSegmenter#REFLECTION_LEVEL}. With the code level, more of a print's bright ridges count
     * as usable "iris", and FVC2002 DB1 109_4 passed as an eye.
     */
    static IrisExtractor forEyeTest() {
        return new IrisExtractor(new IrisSegmenter(IrisSegmenter.REFLECTION_LEVEL));
    }

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

    /** The image scaled down so that its shorter side is {@link #WORKING_SIDE}; smaller images as they are. */
    static GrayImage workingScale(GrayImage gray) {
        int side = Math.min(gray.width(), gray.height());
        if (side <= WORKING_SIDE) {
            return gray;
        }
        double f = WORKING_SIDE / (double) side;
        int w = (int) Math.round(gray.width() * f);
        int h = (int) Math.round(gray.height() * f);
        OpenCv.load();
        try (OpenCv cv = new OpenCv()) {
            Mat small = cv.mat();
            Imgproc.resize(cv.gray(gray.width(), gray.height(), gray.pixels()), small, new Size(w, h), 0, 0,
                    Imgproc.INTER_AREA);
            return new GrayImage(w, h, OpenCv.bytes(small));
        }
    }

    /**
     * The limbus (outer iris circle, in the image's own pixels) of an image this extractor takes for an eye, for the
     * fingerprint extractor's eye test: the same checks as {@link #extract}, from the same single segmentation.
     *
     * @throws InvalidInputException   when {@link #extract} would refuse the image as input
     * @throws UnusableSampleException when {@link #extract} would find no usable eye in it
     */
    IrisSegmentation.Circle limbus(GrayImage gray, String subject) {
        return extraction(EyePosition.RIGHT, gray, subject).limbus();
    }

    IrisTemplate extract(EyePosition position, GrayImage gray, String subject) {
        return extraction(position, gray, subject).template();
    }

    /** An extracted eye and its limbus, scaled back to the submitted image's pixels. */
    private record Extraction(IrisTemplate template, IrisSegmentation.Circle limbus) {
    }

    private Extraction extraction(EyePosition position, GrayImage submitted, String subject) {
        GrayImage gray = submitted;
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
        gray = workingScale(gray);
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
        IrisSegmentation.Measures m = segmentation.measures();
        if (m.sharpness() > MAX_SHARPNESS) {
            // ridges, not iris: no eye of the three shared sets comes near (95th percentile 0.016, IITD)
            throw new UnusableSampleException(subject, String.format(Locale.ROOT,
                    "no iris found: the ring around the dark disc is as busy as fingerprint ridges (sharpness %.3f "
                            + "of the grey-level range, an iris at most %.3f)", m.sharpness(), MAX_SHARPNESS));
        }
        IrisQuality quality = IrisQuality.of(usable, m.irisPupilRatio(), m.pupilContrast(), m.irisContrast(),
                m.sharpness(), m.concentricity(), m.margin());
        if (quality.score() < minQuality) {
            throw new UnusableSampleException(subject, String.format(Locale.ROOT,
                    "iris quality %.1f below the minimum %.1f: %s", quality.score(), minQuality, quality.describe()));
        }
        IrisSegmentation.Circle iris = segmentation.iris();
        double f = submitted.width() / (double) gray.width();
        return new Extraction(new IrisTemplate(position, encoded.code(), encoded.mask(), quality),
                new IrisSegmentation.Circle(iris.x() * f, iris.y() * f, iris.r() * f));
    }
}
