package id.satunik.matcher;

/**
 * Maps a normalised iris Hamming distance to SourceAFIS's score scale, score ≈ −10·log10 FMR (40 ≈ 0.01%), so
 * that {@link ScoreFusion} fuses eyes and fingers under one threshold.
 *
 * <p>Model (Daugman's): the distance of two unrelated eyes at one fixed rotation is a binomial fraction with
 * {@link #DEGREES_OF_FREEDOM} independent bits and mean {@link #IMPOSTOR_MEAN}, both fitted to 227,079
 * single-rotation impostor comparisons of CASIA-Iris-Interval; the best of {@value IrisCode#ROTATIONS} rotations
 * falls at or below h with probability FMR(h) = 1 − (1 − B(h))<sup>{@value IrisCode#ROTATIONS}</sup>, B the
 * binomial lower tail. On the 1.58 million best-of-rotations impostor comparisons of that set the model
 * overestimates the measured FMR by a factor 1.3 to 2 from 10<sup>-2</sup> down to 10<sup>-5</sup> (docs/iris.md),
 * so the score errs on the side of caution. Scores are capped at {@value #MAX_SCORE} (FMR 10<sup>-20</sup>: beyond
 * any population).
 *
 * <p>Thread-safe: immutable tables.
 */
public final class IrisScore {
    /** Independent bits of a single-rotation comparison (p(1−p)/σ² of the impostor distances). */
    public static final int DEGREES_OF_FREEDOM = 276;
    /** Mean single-rotation impostor distance. */
    public static final double IMPOSTOR_MEAN = 0.4840;
    public static final double MAX_SCORE = 200;
    /** log of the binomial lower tail B(k / N) for k = 0..N. */
    private static final double[] LOG_TAIL = logTail(DEGREES_OF_FREEDOM, IMPOSTOR_MEAN);

    private IrisScore() {
    }

    /** The calibrated score of a normalised distance: −10·log10 of the model's FMR, 0 at chance level. */
    public static double of(double distance) {
        double fmr = falseMatchRate(distance);
        return fmr <= 0 ? MAX_SCORE : Math.min(MAX_SCORE, Math.max(0, -10 * Math.log10(fmr)));
    }

    /** The model's probability that the best rotation of two unrelated eyes is at or below {@code distance}. */
    public static double falseMatchRate(double distance) {
        if (Double.isNaN(distance) || distance >= 1) {
            return 1;
        }
        if (distance < 0) {
            return 0;
        }
        // log-linear between the binomial's integer points, so the score is continuous and strictly monotone
        double k = distance * DEGREES_OF_FREEDOM;
        int lo = (int) Math.floor(k);
        double logB = lo >= DEGREES_OF_FREEDOM ? 0
                : LOG_TAIL[lo] + (k - lo) * (LOG_TAIL[Math.min(lo + 1, DEGREES_OF_FREEDOM)] - LOG_TAIL[lo]);
        double single = Math.exp(logB);
        // 1 − (1 − B)^R, computed without cancellation for tiny B
        return -Math.expm1(IrisCode.ROTATIONS * Math.log1p(-Math.min(single, 1 - 1e-16)));
    }

    /** The largest distance whose score reaches {@code score} (bisection on the monotone model). */
    public static double distanceAt(double score) {
        double lo = 0;
        double hi = 0.5;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (of(mid) >= score) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] logTail(int n, double p) {
        double[] logFactorial = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            logFactorial[i] = logFactorial[i - 1] + Math.log(i);
        }
        double[] out = new double[n + 1];
        double running = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= n; k++) {
            double term = logFactorial[n] - logFactorial[k] - logFactorial[n - k] + k * Math.log(p)
                    + (n - k) * Math.log1p(-p);
            // log(e^running + e^term)
            double max = Math.max(running, term);
            running = max + Math.log(Math.exp(running - max) + Math.exp(term - max));
            out[k] = Math.min(0, running);
        }
        return out;
    }
}
