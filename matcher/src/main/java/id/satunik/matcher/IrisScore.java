package id.satunik.matcher;

/**
 * Maps a normalised iris Hamming distance to SourceAFIS's score scale (score ≈ -10·log10 FMR), so that
 * {@link ScoreFusion} can fuse eyes and fingers under one threshold.
 *
 * <p>Thread-safe: stateless.
 */
public final class IrisScore {
    private IrisScore() {
    }

    /** Placeholder calibration, replaced once the impostor distribution is measured. */
    public static double of(double distance) {
        return Math.max(0, (0.5 - distance) * 200);
    }
}
