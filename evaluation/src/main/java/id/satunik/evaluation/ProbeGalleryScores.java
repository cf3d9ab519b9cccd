package id.satunik.evaluation;

/**
 * The score of every enrolled sample (as probe) against the enrolment sample of every other identity (as
 * gallery entry), plus against its own identity's enrolment sample: everything an open-set search over any
 * gallery of enrolment samples can ask, single fingers and chimeric persons alike. Computed once, in one
 * parallel batch; searches are then arithmetic.
 *
 * <p>Cost: samples × identities comparisons (640 × 80 for the eight FVC 'B' sets).
 *
 * <p>Immutable after construction; thread-safe.
 */
final class ProbeGalleryScores {
    private final Identities identities;
    private final double[] scores;
    private final int columns;

    ProbeGalleryScores(Identities identities, int sampleCount, Comparisons<?> comparisons) {
        this.identities = identities;
        this.columns = identities.count();
        int pairs = 0;
        for (int s = 0; s < sampleCount; s++) {
            for (int b = 0; b < columns; b++) {
                if (identities.enrolmentSample(b) != s) {
                    pairs++;
                }
            }
        }
        int[] probes = new int[pairs];
        int[] candidates = new int[pairs];
        int k = 0;
        for (int s = 0; s < sampleCount; s++) {
            for (int b = 0; b < columns; b++) {
                if (identities.enrolmentSample(b) != s) {
                    probes[k] = s;
                    candidates[k] = identities.enrolmentSample(b);
                    k++;
                }
            }
        }
        double[] computed = comparisons.score(probes, candidates);
        this.scores = new double[sampleCount * columns];
        java.util.Arrays.fill(scores, Double.NaN);
        for (int p = 0; p < pairs; p++) {
            scores[probes[p] * columns + identities.identityOf(candidates[p])] = computed[p];
        }
    }

    /** Score of sample {@code probe} against identity {@code gallery}'s enrolment sample; NaN for the sample itself. */
    double score(int probe, int gallery) {
        return scores[probe * columns + gallery];
    }

    Identities identities() {
        return identities;
    }
}
