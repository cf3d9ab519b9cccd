package id.satunik.matcher;

import id.satunik.EyePosition;
import id.satunik.EyeQuality;
import java.util.Locale;

/**
 * The quality of one eye image, in the spirit of ISO/IEC 29794-6: the measures that decide whether its iris code
 * can identify anyone, each mapped to 0..1 (1 = no loss), and an overall score 0..100 (their geometric mean, so
 * that one very poor measure pulls the score down without zeroing it: a poor-contrast but fully visible iris still
 * identifies).
 *
 * <p>Measures and their ramps (the value at which a measure scores 0 and the value from which it scores 1):
 * <ul>
 *   <li>{@code usableArea}: fraction of the code grid free of lids, lashes and reflections (0.15 .. 0.7);</li>
 *   <li>{@code irisPupilRatio}: pupil radius / iris radius; a very dilated or pin-hole pupil squeezes the texture
 *       (1 between 0.2 and 0.6, 0 at 0.1 and at 0.8; ISO/IEC 29794-6 calls 0.2..0.7 acceptable);</li>
 *   <li>{@code pupilContrast}: how much darker the pupil is than the iris around it, as a fraction of the image's
 *       grey-level range (0.05 .. 0.25);</li>
 *   <li>{@code irisContrast}: the limbus edge (mean clipped radial rise on the lateral arcs, fraction of the clip,
 *       0.15 .. 0.6);</li>
 *   <li>{@code sharpness}: mean absolute response of a 3x3 Laplacian inside the iris ring, as a fraction of the
 *       image's range (0.002 .. 0.007);</li>
 *   <li>{@code concentricity}: distance of the pupil centre from the iris centre, as a fraction of the iris radius
 *       (1 up to 0.1, 0 from 0.35);</li>
 *   <li>{@code margin}: fraction of the iris circle inside the image (0.5 .. 0.95).</li>
 * </ul>
 * The ramps are round values that bracket what CASIA-Iris-Interval, CASIA-IrisV1 and IITD images show (docs/iris.md);
 * the score orders images, it is not a calibrated probability.
 *
 * <p>Immutable; thread-safe.
 */
public record IrisQuality(double score, double usableArea, double irisPupilRatio, double pupilContrast,
                          double irisContrast, double sharpness, double concentricity, double margin) {
    /** For codes read back from a store, which keep no image measures. */
    public static final IrisQuality UNKNOWN = new IrisQuality(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The overall score from the raw measures. */
    static IrisQuality of(double usableArea, double irisPupilRatio, double pupilContrast, double irisContrast,
                          double sharpness, double concentricity, double margin) {
        double[] parts = {
                ramp(usableArea, 0.15, 0.7),
                Math.min(ramp(irisPupilRatio, 0.1, 0.2), 1 - ramp(irisPupilRatio, 0.6, 0.8)),
                ramp(pupilContrast, 0.05, 0.25),
                ramp(irisContrast, 0.15, 0.6),
                ramp(sharpness, 0.002, 0.007),
                1 - ramp(concentricity, 0.1, 0.35),
                ramp(margin, 0.5, 0.95)};
        double logSum = 0;
        for (double part : parts) {
            logSum += Math.log(Math.max(0.01, part));
        }
        double score = 100 * Math.exp(logSum / parts.length);
        return new IrisQuality(score, usableArea, irisPupilRatio, pupilContrast, irisContrast, sharpness,
                concentricity, margin);
    }

    private static double ramp(double value, double zero, double one) {
        return Math.max(0, Math.min(1, (value - zero) / (one - zero)));
    }

    /** Whether the measures are known (false for codes read back from a store). */
    public boolean known() {
        return !Double.isNaN(score);
    }

    /** The measures as the decisions report them, for {@code position}; null when not {@link #known()}. */
    public EyeQuality forEye(EyePosition position) {
        return known() ? new EyeQuality(position, score, usableArea, irisPupilRatio, pupilContrast, irisContrast,
                sharpness, concentricity, margin) : null;
    }

    /** One line for reports: the score and the measures. */
    public String describe() {
        if (!known()) {
            return "quality unknown";
        }
        return String.format(Locale.ROOT, "quality %.0f (usable area %.0f%%, pupil/iris %.2f, pupil contrast %.2f, "
                        + "iris contrast %.2f, sharpness %.3f, concentricity %.2f, margin %.0f%%)", score,
                100 * usableArea, irisPupilRatio, pupilContrast, irisContrast, sharpness, concentricity, 100 * margin);
    }
}
