package id.satunik.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The error trade-off of a decision "match when score ≥ t" over two score lists: mated scores (genuine
 * comparisons, or mated searches) that should reach t, and non-mated scores (impostor comparisons, or the top
 * score of non-mated searches) that should not.
 *
 * <p>For 1:1 verification the two rates are FMR (non-mated scores ≥ t) and FNMR (mated scores &lt; t). For
 * open-set identification per ISO/IEC 19795-1 they are FPIR (non-mated searches whose best candidate reaches t)
 * and FNIR (mated searches whose mate is not returned at rank 1 with a score ≥ t); {@link OpenSetSearches}
 * feeds a mate that was out-ranked as {@code -∞} so that the same arithmetic gives FNIR.
 *
 * <p>Both rates are step functions that change only at observed scores, so they are evaluated exactly at every
 * distinct score (and at +∞, where nothing matches). Immutable; thread-safe.
 */
final class ErrorCurve {
    private final double[] mated;
    private final double[] nonMated;
    /** Distinct finite scores of both lists ascending, then +∞: every place where a rate can change. */
    private final double[] thresholds;

    private ErrorCurve(double[] mated, double[] nonMated) {
        this.mated = mated;
        this.nonMated = nonMated;
        this.thresholds = distinctFiniteThenInfinity(mated, nonMated);
    }

    /** Copies and sorts the scores; NaN is refused because it would silently count as neither. */
    static ErrorCurve of(double[] mated, double[] nonMated) {
        double[] m = mated.clone();
        double[] n = nonMated.clone();
        for (double[] list : List.of(m, n)) {
            for (double score : list) {
                if (Double.isNaN(score)) {
                    throw new IllegalArgumentException("NaN score");
                }
            }
            Arrays.sort(list);
        }
        return new ErrorCurve(m, n);
    }

    int matedCount() {
        return mated.length;
    }

    int nonMatedCount() {
        return nonMated.length;
    }

    /** Non-mated scores ≥ t, as a fraction (FMR, FPIR); NaN without non-mated scores. */
    double falseMatchRate(double t) {
        return nonMated.length == 0 ? Double.NaN : (double) (nonMated.length - lowerBound(nonMated, t)) / nonMated.length;
    }

    /** Mated scores &lt; t, as a fraction (FNMR, FNIR); NaN without mated scores. */
    double falseNonMatchRate(double t) {
        return mated.length == 0 ? Double.NaN : (double) lowerBound(mated, t) / mated.length;
    }

    /**
     * The equal error rate as defined for FVC2000 (Maio et al.): between the last threshold where FNMR ≤ FMR and
     * the first where FNMR ≥ FMR, the one with the smaller sum of both rates gives an interval [low, high] that
     * contains the crossing; the EER is its middle.
     *
     * @return null when either list is empty
     */
    Eer equalErrorRate() {
        if (mated.length == 0 || nonMated.length == 0) {
            return null;
        }
        int t1 = -1;
        int t2 = -1;
        for (int i = 0; i < thresholds.length; i++) {
            double diff = falseNonMatchRate(thresholds[i]) - falseMatchRate(thresholds[i]);
            if (diff <= 0) {
                t1 = i;
            }
            if (diff >= 0 && t2 < 0) {
                t2 = i;
            }
        }
        double fmr1 = falseMatchRate(thresholds[t1]);
        double fnmr1 = falseNonMatchRate(thresholds[t1]);
        double fmr2 = falseMatchRate(thresholds[t2]);
        double fnmr2 = falseNonMatchRate(thresholds[t2]);
        if (fmr1 + fnmr1 <= fmr2 + fnmr2) {
            return new Eer((fnmr1 + fmr1) / 2, fnmr1, fmr1, thresholds[t1]);
        }
        return new Eer((fmr2 + fnmr2) / 2, fmr2, fnmr2, thresholds[t2]);
    }

    /**
     * The operating point at a target false match rate: the lowest threshold whose FMR is at most the target,
     * and the FNMR there. A target below one false match in all the non-mated scores cannot be measured (the
     * rate would read 0 for lack of data): it is reported as not resolvable.
     */
    OperatingPoint atFalseMatchRate(double target) {
        if (mated.length == 0 || nonMated.length == 0) {
            return OperatingPoint.unresolvable(target, "no " + (mated.length == 0 ? "mated" : "non-mated") + " scores");
        }
        long needed = minimumNonMated(target);
        if (nonMated.length < needed) {
            return OperatingPoint.unresolvable(target, String.format(java.util.Locale.ROOT,
                    "needs at least %,d non-mated scores to resolve, has %,d", needed, nonMated.length));
        }
        for (double t : thresholds) {
            double fmr = falseMatchRate(t);
            if (fmr <= target) {
                return new OperatingPoint(target, true, t, fmr, falseNonMatchRate(t), null);
            }
        }
        throw new AssertionError("FMR is 0 at +∞");
    }

    /** One false match in this many non-mated scores is the target rate: fewer cannot tell it from zero. */
    static long minimumNonMated(double target) {
        return (long) Math.ceil(1 / target - 1e-9);
    }

    /** The curve at every threshold where a rate changes, thinned to about {@code maxPoints} for plotting. */
    List<Point> points(int maxPoints) {
        List<Point> all = new ArrayList<>(thresholds.length);
        for (double t : thresholds) {
            all.add(new Point(t, falseMatchRate(t), falseNonMatchRate(t)));
        }
        if (all.size() <= maxPoints) {
            return all;
        }
        // Keep the points that move the curve visibly on log axes, plus both ends.
        List<Point> kept = new ArrayList<>();
        Point last = null;
        double step = 3.0 / maxPoints;
        for (int i = 0; i < all.size(); i++) {
            Point p = all.get(i);
            if (last == null || i == all.size() - 1 || logMove(last.falseMatchRate(), p.falseMatchRate()) >= step
                    || logMove(last.falseNonMatchRate(), p.falseNonMatchRate()) >= step) {
                kept.add(p);
                last = p;
            }
        }
        return kept;
    }

    /** Counts of both lists in bins of {@code width} from 0; the last bin holds everything from its lower edge. */
    Histogram histogram(double width, int bins) {
        return new Histogram(width, bin(mated, width, bins), bin(nonMated, width, bins));
    }

    double matedMean() {
        return Arrays.stream(mated).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    double nonMatedMean() {
        return Arrays.stream(nonMated).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** Mated scores that are −∞: mated searches whose mate was out-ranked whatever the threshold. */
    long matedNeverMatched() {
        return Arrays.stream(mated).filter(s -> s == Double.NEGATIVE_INFINITY).count();
    }

    private static long[] bin(double[] scores, double width, int bins) {
        long[] counts = new long[bins];
        for (double s : scores) {
            if (Double.isFinite(s)) {
                int b = (int) Math.floor(Math.max(0, s) / width);
                counts[Math.min(b, bins - 1)]++;
            }
        }
        return counts;
    }

    private static double logMove(double a, double b) {
        if (a == b) {
            return 0;
        }
        if (a <= 0 || b <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(Math.log10(a) - Math.log10(b));
    }

    private static double[] distinctFiniteThenInfinity(double[] a, double[] b) {
        double[] all = java.util.stream.DoubleStream.concat(Arrays.stream(a), Arrays.stream(b))
                .filter(Double::isFinite).sorted().distinct().toArray();
        double[] withInfinity = Arrays.copyOf(all, all.length + 1);
        withInfinity[all.length] = Double.POSITIVE_INFINITY;
        return withInfinity;
    }

    /** First index whose value is ≥ t. */
    private static int lowerBound(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The equal error rate, the interval it lies in, and the threshold it was read at. */
    record Eer(double value, double low, double high, double threshold) {
    }

    /**
     * A target false match rate and what was measured there; threshold +∞ means nothing may match.
     *
     * @param note why the target is not resolvable, null when it is
     */
    record OperatingPoint(double target, boolean resolvable, double threshold, double falseMatchRate,
                          double falseNonMatchRate, String note) {
        static OperatingPoint unresolvable(double target, String note) {
            return new OperatingPoint(target, false, Double.NaN, Double.NaN, Double.NaN, note);
        }
    }

    /** Both rates at one threshold. */
    record Point(double threshold, double falseMatchRate, double falseNonMatchRate) {
    }

    /** Score counts per bin, mated and non-mated. */
    record Histogram(double binWidth, long[] mated, long[] nonMated) {
    }
}
