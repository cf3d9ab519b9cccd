package id.satunik.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;

/**
 * Open-set 1:N searches per ISO/IEC 19795-1, accumulated over one or more gallery splits. In each split a
 * random subset of the identities is enrolled with its first sample; every other sample of an enrolled identity
 * is a mated search, every sample of an identity left out is a non-mated search. A mated search succeeds at
 * threshold t when its mate ranks first (ties counted in the mate's favour) with a score ≥ t; a non-mated search
 * is a false positive when its best candidate reaches t. Candidate lists are therefore of length 1 (rank 1).
 *
 * <p>Each search also yields person-vs-person 1:1 scores (the mate, and every non-mate gallery entry), reported
 * as the verification view of the same comparisons.
 *
 * <p>Not thread-safe: one split at a time.
 */
final class OpenSetSearches {
    /** Score of an identity's sample (as probe) against another identity's enrolment sample. */
    @FunctionalInterface
    interface Scorer {
        double score(int probeIdentity, int probeSample, int galleryIdentity);
    }

    private final DoubleStream.Builder matedRankOne = DoubleStream.builder();
    private final DoubleStream.Builder mateScores = DoubleStream.builder();
    private final DoubleStream.Builder nonMatedTop = DoubleStream.builder();
    private final DoubleStream.Builder nonMateScores = DoubleStream.builder();
    private int splits;
    private int minGallery = Integer.MAX_VALUE;
    private int maxGallery;
    private long enrolledIdentities;
    private long leftOutIdentities;

    /** How many of {@code identities} a split enrolls: the fraction, rounded, keeping at least one on each side. */
    static int enrolledCount(int identities, double fraction) {
        return Math.clamp(Math.round(identities * fraction), 1, identities - 1);
    }

    /**
     * Runs one split.
     *
     * @param sampleCounts samples of each identity (sample 0 is its enrolment sample), each at least 1
     * @param rng          draws the enrolled subset
     */
    void split(int[] sampleCounts, double enrolledFraction, Random rng, Scorer scorer) {
        int n = sampleCounts.length;
        if (n < 2) {
            throw new IllegalArgumentException("an open-set split needs at least 2 identities, has " + n);
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rng);
        int enrolled = enrolledCount(n, enrolledFraction);
        int[] gallery = order.subList(0, enrolled).stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] leftOut = order.subList(enrolled, n).stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int a : gallery) {
            for (int s = 1; s < sampleCounts[a]; s++) {
                double mate = Double.NaN;
                double best = Double.NEGATIVE_INFINITY;
                for (int b : gallery) {
                    double score = scorer.score(a, s, b);
                    if (b == a) {
                        mate = score;
                        mateScores.add(score);
                    } else {
                        best = Math.max(best, score);
                        nonMateScores.add(score);
                    }
                }
                matedRankOne.add(mate >= best ? mate : Double.NEGATIVE_INFINITY);
            }
        }
        for (int a : leftOut) {
            for (int s = 0; s < sampleCounts[a]; s++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int b : gallery) {
                    double score = scorer.score(a, s, b);
                    best = Math.max(best, score);
                    nonMateScores.add(score);
                }
                nonMatedTop.add(best);
            }
        }
        splits++;
        minGallery = Math.min(minGallery, enrolled);
        maxGallery = Math.max(maxGallery, enrolled);
        enrolledIdentities += enrolled;
        leftOutIdentities += n - enrolled;
    }

    /** FNIR (mated side, −∞ where the mate was out-ranked) against FPIR (non-mated side). */
    Result result() {
        return new Result(ErrorCurve.of(matedRankOne.build().toArray(), nonMatedTop.build().toArray()),
                ErrorCurve.of(mateScores.build().toArray(), nonMateScores.build().toArray()),
                splits, splits == 0 ? 0 : minGallery, maxGallery, enrolledIdentities, leftOutIdentities);
    }

    /**
     * @param identification FNIR/FPIR curve: mated = mate score at rank 1 (−∞ when out-ranked), non-mated = best
     *                       candidate of each non-mated search
     * @param verification   person-vs-person 1:1 view: mate scores against every non-mate score
     */
    record Result(ErrorCurve identification, ErrorCurve verification, int splits, int minGallery, int maxGallery,
                  long enrolledIdentities, long leftOutIdentities) {
    }
}
