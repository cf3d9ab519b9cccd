package id.satunik.matcher;

/**
 * The person score with the agreement rule: a fused score may not pass on one strong piece of evidence while
 * another piece both records share strongly disagrees.
 *
 * <p>Evidence groups: the fingers (fused together, since a poor finger capture is common and the other fingers
 * carry it) and each eye on its own. When two or more groups are shared and one of them scores below
 * {@link #DISAGREEMENT} (−10·log10 0.1: nine in ten impostor comparisons score below it, a genuine one rarely
 * does), and the strongest group is not conclusive on its own (below {@link #CONCLUSIVE}), the person score is
 * at most the fusion of every group except the strongest one. So such a match needs at least two groups that agree: a single colliding eye (issue 9: left eye 50.5, right eye 5.0, fused 44.1 for two
 * different CASIA-Iris-Interval persons) no longer makes a duplicate, while fingers + two eyes with one bad capture
 * still match on the other two. The price, measured by {@code satunik evaluate} (docs/evaluation.md): a person
 * whose two shared groups are one genuine strong and one failed capture below 10 is missed.
 *
 * <p>Thread-safe: stateless.
 */
public final class ModalityAgreement {
    /** A group scoring below this says "different person" (p = 0.1 under the impostor hypothesis). */
    public static final double DISAGREEMENT = 10;
    /**
     * A group at or above this is conclusive on its own and is not vetoed: FMR 10<sup>-10</sup> per comparison,
     * under a 2 % chance of one such impostor collision in a search of 190 million persons. Without it, a person
     * enrolling twice with the same ten fingers and someone else's eye would not be a duplicate.
     */
    public static final double CONCLUSIVE = 100;

    private ModalityAgreement() {
    }

    /**
     * @param scores      per-position scores, NaN where a position is not shared: the first {@code fingerCount}
     *                    are fingers (one group), every later one an eye (a group each)
     * @param fingerCount how many leading entries are fingers
     * @return the fused person score ({@link ScoreFusion}) with the agreement rule applied
     */
    public static double fuse(double[] scores, int fingerCount) {
        double fused = ScoreFusion.fuse(scores);
        int groups = 0;
        double weakest = Double.POSITIVE_INFINITY;
        double strongest = Double.NEGATIVE_INFINITY;
        int strongestGroup = -1; // -1: none yet, 0: the fingers, 1 + i: eye i
        double fingers = fingerScore(scores, fingerCount);
        if (!Double.isNaN(fingers)) {
            groups++;
            weakest = fingers;
            strongest = fingers;
            strongestGroup = 0;
        }
        for (int i = fingerCount; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                groups++;
                weakest = Math.min(weakest, scores[i]);
                if (scores[i] > strongest) {
                    strongest = scores[i];
                    strongestGroup = 1 + i - fingerCount;
                }
            }
        }
        if (groups < 2 || weakest >= DISAGREEMENT || strongest >= CONCLUSIVE) {
            return fused;
        }
        double[] rest = scores.clone();
        if (strongestGroup == 0) {
            java.util.Arrays.fill(rest, 0, fingerCount, Double.NaN);
        } else {
            rest[fingerCount + strongestGroup - 1] = Double.NaN;
        }
        return Math.min(fused, ScoreFusion.fuse(rest));
    }

    private static double fingerScore(double[] scores, int fingerCount) {
        boolean any = false;
        for (int i = 0; i < fingerCount; i++) {
            any |= !Double.isNaN(scores[i]);
        }
        return any ? ScoreFusion.fuse(java.util.Arrays.copyOf(scores, fingerCount)) : Double.NaN;
    }
}
