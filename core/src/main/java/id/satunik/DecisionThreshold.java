package id.satunik;

import java.util.Locale;

/**
 * The person score from which two records are one person, derived from a target false-positive identification
 * rate (FPIR, ISO/IEC 19795-1; MOSIP ABIS's {@code targetFPIR}) and the size of the gallery searched.
 *
 * <p>Why: a fixed threshold fixes the false match rate per <em>comparison</em> (40 ≈ FMR 10<sup>-4</sup> on the
 * SourceAFIS scale, score ≈ −10·log10 FMR, which {@code ScoreFusion} keeps for fused person scores). A search
 * compares the probe with all N enrolled persons, so its false-positive rate is about N × FMR: at threshold 40 a
 * gallery of 190 million would return ~19,000 false duplicates per search. Keeping N × FMR at the target gives
 * {@code threshold = −10·log10(targetFpir / N)}, never below {@code minimum}. At FPIR 0.001: 53.0 for 198 persons,
 * 80 for 100,000, 112.8 for 190 million. The bound assumes the fused score is calibrated; evaluate's open-set
 * figures (FPIR/FNIR) check it on real data.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param minimum    the lowest threshold ever used (the configured {@code --threshold}); alone when uncalibrated
 * @param targetFpir the target FPIR per search, in (0, 1); 0 for a fixed threshold
 */
public record DecisionThreshold(double minimum, double targetFpir) {

    public DecisionThreshold {
        if (!(minimum > 0) || Double.isInfinite(minimum)) {
            throw new IllegalArgumentException("threshold must be a positive number, was " + minimum);
        }
        if (!(targetFpir >= 0 && targetFpir < 1)) {
            throw new IllegalArgumentException("target FPIR must be in (0, 1) (0 = fixed threshold), was " + targetFpir);
        }
    }

    /** A fixed threshold, whatever the gallery size. */
    public static DecisionThreshold fixed(double threshold) {
        return new DecisionThreshold(threshold, 0);
    }

    public boolean calibrated() {
        return targetFpir > 0;
    }

    /** The threshold for one search of a gallery of {@code gallerySize} persons. */
    public double at(long gallerySize) {
        if (!calibrated()) {
            return minimum;
        }
        double n = Math.max(1, gallerySize);
        return Math.max(minimum, -10 * Math.log10(targetFpir / n));
    }

    @Override
    public String toString() {
        return calibrated()
                ? String.format(Locale.ROOT, "from target FPIR %s and the gallery size, at least %.1f", targetFpir, minimum)
                : String.format(Locale.ROOT, "fixed %.1f", minimum);
    }
}
