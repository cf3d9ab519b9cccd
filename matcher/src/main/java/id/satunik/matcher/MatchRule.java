package id.satunik.matcher;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.EngineOptions;

/**
 * The person-level matching rule, in one place: the engine's search and decisions and the accuracy evaluation
 * both score with it, so the figures {@code satunik evaluate} reports are those of the rule the engine runs.
 *
 * <ul>
 *   <li>a finger is compared with the enrolled finger of the same position by SourceAFIS (score ≈ -10·log10 FMR);
 *   <li>an eye with the enrolled eye of the same side by {@link IrisMatcher} (calibrated to the same scale);
 *   <li>every score of every shared position, fingers and eyes alike, is fused by {@link ScoreFusion} into one
 *       person score on that scale, under {@link ModalityAgreement}'s rule (one strong group cannot carry a shared
 *       group that strongly disagrees);
 *   <li>two records are one person when the person score reaches the threshold, by default
 *       {@value #DEFAULT_THRESHOLD} (person-level FMR ≈ 0.01%).
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class MatchRule {
    /** The default decision threshold on the person score. */
    public static final double DEFAULT_THRESHOLD = EngineOptions.DEFAULT_THRESHOLD;

    private MatchRule() {
    }

    /** One finger against the enrolled finger of the same position; {@code probe} is built once per probe finger. */
    public static double finger(FingerprintMatcher probe, FingerprintTemplate candidate) {
        return probe.match(candidate);
    }

    /** One eye against the enrolled eye of the same side. */
    public static double eye(IrisTemplate probe, IrisTemplate candidate) {
        return IrisMatcher.compare(probe, candidate).score();
    }

    /** Fuses the scores of the shared positions of one modality or several (NaN = not compared); 0 when none. */
    public static double fuse(double[] scores) {
        return ModalityAgreement.fuse(scores, scores.length);
    }

    /**
     * Fuses the first {@code fingerCount} scores as one group of fingers and each later score (an eye) as a group of
     * its own, with {@link ModalityAgreement}'s rule: a score cannot pass on one strong group while another shared
     * group strongly disagrees.
     */
    public static double fuse(double[] scores, int fingerCount) {
        return ModalityAgreement.fuse(scores, fingerCount);
    }

    /**
     * The person score of fingers and eyes together: all shared positions fused on one scale.
     *
     * @param fingerScores per finger position, NaN where not compared (may be empty)
     * @param eyeScores    per eye, NaN where not compared (may be empty)
     */
    public static double person(double[] fingerScores, double[] eyeScores) {
        double[] all = new double[fingerScores.length + eyeScores.length];
        System.arraycopy(fingerScores, 0, all, 0, fingerScores.length);
        System.arraycopy(eyeScores, 0, all, fingerScores.length, eyeScores.length);
        return ModalityAgreement.fuse(all, fingerScores.length);
    }
}
