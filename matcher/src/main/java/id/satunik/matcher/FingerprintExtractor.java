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
     * Below this fraction of foreground blocks being ridge blocks, an image the iris segmenter accepts may be an eye
     * (and is one unless its "iris" is the ridge area, {@link #EYE_IRIS_RIDGE_EXCESS}). The eyes the segmenter
     * accepts: p50 0.31-0.33, p95 0.42-0.43. At 0.45 this limit alone took 6 of the 640 FVC prints and the rolled
     * right index of NIST's reference ten-print card for eyes (rolled inked prints: 0.24-0.51); with the iris test
     * none is, so it rose to 0.5, refusing more eyes. The print the segmenter accepts nearest above it is FVC2002
     * DB1 109_1 at 0.54, whose iris is only 0.12 more ridge-like than the rest: 0.55 would refuse it. Figures:
     * FingerprintQualityMeasurement 2000 (command in docs/design.md).
     */
    static final double EYE_RIDGE_FRACTION = 0.5;
    /**
     * An eye's iris is not much more ridge-like than the rest of the image (lids, lashes and skin give ridge blocks
     * too; iris texture is smoother), whereas in a print taken for an eye the "iris" circle lies on the ridge area
     * and its outside is the card's margin, a dry print's faint edge or the smudges around a rolled print. So an
     * image is refused as an eye only while the fraction of the foreground blocks inside the found limbus that are
     * ridge blocks exceeds that outside it by less than this. Measured (FingerprintQualityMeasurement 2000): eyes
     * the segmenter accepts below the ridge-fraction limit, inside minus outside p50 -0.27 to -0.14, p95 -0.10 to
     * 0.06, max 0.05 (IITD), 0.18 (CASIA-Iris-Interval), 0.27 (one CASIA-V1 eye); the prints it accepts there 0.26
     * (NIST card, rolled right index) and 0.37-0.56 (six FVC prints).
     */
    static final double EYE_IRIS_RIDGE_EXCESS = 0.2;
    /** Below this spread of ridge orientations the image is a striped pattern, not a fingerprint. */
    static final double MIN_ORIENTATION_SPREAD = 0.02;

    private final IrisExtractor eyes = IrisExtractor.forEyeTest();

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
        byte[] encoded = ImageDecoder.read(image, subject);
        FingerprintTemplate template;
        GrayImage gray = null;
        if (MinutiaTemplates.isTemplate(encoded)) {
            template = MinutiaTemplates.read(encoded, subject);
        } else {
            gray = decode(subject, encoded, dpi);
            refuseNonFingerprint(subject, gray, dpi);
            template = templateOf(gray, dpi);
        }
        byte[] bytes = template.toByteArray();
        FingerMinutiae minutiae = FingerMinutiae.parse(bytes);
        if (minutiae.count() < MIN_MINUTIAE) {
            throw new UnusableSampleException(subject, "no usable fingerprint: " + minutiae.count()
                    + " minutiae found, " + MIN_MINUTIAE + " needed");
        }
        FingerprintQuality quality = gray == null ? FingerprintQuality.ofTemplate(minutiae)
                : FingerprintQuality.of(gray, dpi, minutiae);
        return new PreparedFinger(new FingerTemplate(position, minutiae.count(), bytes), template, minutiae,
                quality.report(position));
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
        return templateOf(decode(subject, encoded, dpi), dpi);
    }

    /**
     * The image's {@link FingerprintQuality}, minutiae included (for reports, {@code satunik identify} and the
     * evaluation): decodes and extracts, without the refusals of {@link #prepare}.
     */
    public FingerprintQuality quality(String subject, ImageSource image, int dpi) {
        byte[] encoded = ImageDecoder.read(image, subject);
        if (MinutiaTemplates.isTemplate(encoded)) {
            return FingerprintQuality.ofTemplate(FingerMinutiae.parse(MinutiaTemplates.read(encoded, subject).toByteArray()));
        }
        GrayImage gray = decode(subject, encoded, dpi);
        return FingerprintQuality.of(gray, dpi, FingerMinutiae.parse(templateOf(gray, dpi).toByteArray()));
    }

    /**
     * Refuses images that are not fingerprints (issue 9: eye images and a striped pattern were enrolled as
     * fingers, since SourceAFIS finds "minutiae" in any texture). Two measured rules, tuned on the FVC 2000/2002
     * 'B' sets and CASIA-Iris-Interval / CASIA-IrisV1, checked on IITD (docs/design.md):
     * <ul>
     *   <li>an eye: the iris segmenter finds a pupil and an iris with enough usable texture, ridge blocks cover
     *       less than {@value #EYE_RIDGE_FRACTION} of the foreground, and the found iris is not the ridge area (its
     *       ridge fraction exceeds the rest's by less than {@value #EYE_IRIS_RIDGE_EXCESS}; see the constants for
     *       the figures);</li>
     *   <li>stripes: every ridge block runs the same way (orientation spread below {@value #MIN_ORIENTATION_SPREAD};
     *       the FVC prints' lowest is 0.054).</li>
     * </ul>
     */
    private void refuseNonFingerprint(String subject, GrayImage gray, int dpi) {
        String reason = nonFingerprint(gray, dpi, subject);
        if (reason != null) {
            throw new InvalidInputException(subject, reason);
        }
    }

    /** Why the image is not a fingerprint ({@link #refuseNonFingerprint}'s rules), or null when it may be one. */
    String nonFingerprint(GrayImage gray, int dpi, String subject) {
        int block = FingerprintQuality.blockSide(dpi);
        byte[] blocks = new byte[(gray.width() / block) * (gray.height() / block)];
        FingerprintQuality quality = FingerprintQuality.withBlocks(gray, dpi, blocks);
        if (quality.ridgeArea() > 0 && quality.orientationSpread() < MIN_ORIENTATION_SPREAD) {
            return String.format(Locale.ROOT, "not a fingerprint: every ridge runs the same way (orientation spread "
                    + "%.3f, a striped pattern); %s", quality.orientationSpread(), quality);
        }
        double ridgeFraction = quality.foreground() == 0 ? 0 : quality.ridgeArea() / quality.foreground();
        if (ridgeFraction >= EYE_RIDGE_FRACTION) {
            return null;
        }
        IrisSegmentation.Circle limbus = eyeLimbus(gray, subject);
        if (limbus == null) {
            return null;
        }
        double[] inOut = ridgeFractionsInsideOutside(blocks, gray.width() / block, block, limbus);
        if (inOut[0] - inOut[1] >= EYE_IRIS_RIDGE_EXCESS) {
            return null; // the "iris" is the ridge area of a print
        }
        return String.format(Locale.ROOT, "not a fingerprint: the image shows an eye (a pupil and an iris were found, "
                + "ridge blocks cover only %.0f%% of the foreground, %.0f%% inside the iris and %.0f%% outside); %s",
                100 * ridgeFraction, 100 * inOut[0], 100 * inOut[1], quality);
    }

    /** The limbus when the iris extractor takes the image for an eye, else null. */
    private IrisSegmentation.Circle eyeLimbus(GrayImage gray, String subject) {
        try {
            return eyes.limbus(gray, subject);
        } catch (RuntimeException notAnEye) {
            return null;
        }
    }

    /**
     * Of the foreground blocks whose centre lies inside the circle, the fraction that are ridge blocks; the same
     * outside it (0 where there are none).
     */
    static double[] ridgeFractionsInsideOutside(byte[] blocks, int blocksPerRow, int block, IrisSegmentation.Circle c) {
        int[] ridge = new int[2];
        int[] foreground = new int[2];
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] == FingerprintQuality.BACKGROUND) {
                continue;
            }
            double x = (i % blocksPerRow) * block + block / 2.0;
            double y = (i / blocksPerRow) * block + block / 2.0;
            int side = Math.hypot(x - c.x(), y - c.y()) <= c.r() ? 0 : 1;
            foreground[side]++;
            ridge[side] += blocks[i] == FingerprintQuality.RIDGE ? 1 : 0;
        }
        return new double[] {foreground[0] == 0 ? 0 : ridge[0] / (double) foreground[0],
                foreground[1] == 0 ? 0 : ridge[1] / (double) foreground[1]};
    }

    private static GrayImage decode(String subject, byte[] encoded, int dpi) {
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
        return gray;
    }

    private static FingerprintTemplate templateOf(GrayImage gray, int dpi) {
        FingerprintImage fingerprint = new FingerprintImage(gray.width(), gray.height(), gray.pixels(),
                new FingerprintImageOptions().dpi(dpi));
        return new FingerprintTemplate(fingerprint);
    }
}
