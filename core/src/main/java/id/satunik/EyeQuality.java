package id.satunik;

import java.util.Locale;
import java.util.Objects;

/**
 * The quality of one submitted eye image, in the spirit of ISO/IEC 29794-6: what it rests on, so that an operator can
 * tell a poor capture (re-take the eye: lids, lashes, blur, off-centre) from a good one. Reported per eye in every
 * decision and by {@code satunik identify}; docs/iris.md ("Quality") says how each measure is taken and mapped.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param position       the eye
 * @param score          0-100, the geometric mean of the measures below, each mapped to 0..1
 * @param usableArea     fraction of the iris code grid free of eyelids, lashes and reflections
 * @param irisPupilRatio pupil radius / iris radius
 * @param pupilContrast  how much darker the pupil is than the iris around it, as a fraction of the image's range
 * @param irisContrast   strength of the limbus edge on the lateral arcs (0..1)
 * @param sharpness      mean absolute 3x3 Laplacian over the iris ring, as a fraction of the image's range
 * @param concentricity  distance between the pupil and iris centres, as a fraction of the iris radius
 * @param margin         fraction of the iris circle inside the image
 */
public record EyeQuality(EyePosition position, double score, double usableArea, double irisPupilRatio,
                         double pupilContrast, double irisContrast, double sharpness, double concentricity,
                         double margin) {
    public EyeQuality {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s eye quality %.0f (usable area %.0f%%, pupil/iris %.2f, pupil contrast "
                        + "%.2f, iris contrast %.2f, sharpness %.3f, concentricity %.2f, margin %.0f%%)", position, score,
                100 * usableArea, irisPupilRatio, pupilContrast, irisContrast, sharpness, concentricity, 100 * margin);
    }
}
