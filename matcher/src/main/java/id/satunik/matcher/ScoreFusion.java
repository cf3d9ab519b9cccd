package id.satunik.matcher;

/**
 * Person-level fusion of per-finger scores.
 *
 * <p>SourceAFIS calibrates its score so that score ≈ -10·log10(FMR): 20 ≈ 1%, 40 ≈ 0.01%. Each finger score
 * therefore reads as the p-value of "an impostor scores this high", and independent fingers combine by Fisher's
 * method: under the impostor hypothesis -2·Σ ln p<sub>i</sub> follows χ² with 2n degrees of freedom, so the
 * combined p-value is the Poisson tail e<sup>-λ</sup>·Σ<sub>k&lt;n</sub> λ<sup>k</sup>/k! with
 * λ = Σ -ln p<sub>i</sub>. The person score is -10·log10 of that p-value.
 *
 * <p>Why this rule and not a plain sum or max: the fused score stays on the single-finger scale whatever the
 * number of fingers compared, so one threshold (40 ≈ person-level FMR 0.01%) serves records with one finger and
 * records with ten; a plain sum would let ten weak impostor fingers add up to a match, and the max would waste
 * the evidence of the other nine. One finger fused is that finger's score. Two genuine fingers at 40 each give
 * 67; ten impostor fingers at 10 each (10% each) give 32.
 *
 * <p>Thread-safe: stateless.
 */
public final class ScoreFusion {
    private static final double LN10_OVER_10 = Math.log(10) / 10;

    private ScoreFusion() {
    }

    /**
     * Fuses the scores that are not NaN (NaN marks a position not compared).
     *
     * @return the person score, 0 when nothing was compared
     */
    public static double fuse(double[] scores) {
        double lambda = 0;
        int n = 0;
        for (double score : scores) {
            if (!Double.isNaN(score)) {
                lambda += Math.max(0, score) * LN10_OVER_10;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        if (n == 1) {
            return lambda / LN10_OVER_10;
        }
        // ln Σ_{k<n} λ^k / k!, summed in the log domain to stay finite for large λ.
        double maxTerm = Double.NEGATIVE_INFINITY;
        double[] logTerms = new double[n];
        double logFactorial = 0;
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                logFactorial += Math.log(k);
            }
            logTerms[k] = lambda == 0 ? (k == 0 ? 0 : Double.NEGATIVE_INFINITY) : k * Math.log(lambda) - logFactorial;
            maxTerm = Math.max(maxTerm, logTerms[k]);
        }
        double sum = 0;
        for (double logTerm : logTerms) {
            sum += Math.exp(logTerm - maxTerm);
        }
        double logTail = maxTerm + Math.log(sum);
        return Math.max(0, (lambda - logTail) / LN10_OVER_10);
    }
}
