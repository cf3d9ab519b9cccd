package id.satunik.evaluation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Which 1:1 comparisons to run: every genuine pair (two samples of one identity) and every impostor pair, or,
 * when impostor pairs exceed {@code maxImpostors}, a uniform random sample of that many drawn with the run's
 * seed. Each unordered pair is compared once, the sample that comes first in input order being the probe.
 *
 * <p>Immutable; thread-safe.
 *
 * @param probes          first sample of each pair, ascending (pairs grouped by probe)
 * @param candidates      second sample of each pair
 * @param genuine         whether each pair is genuine
 * @param impostorPairs   impostor pairs that exist
 * @param impostorsChosen impostor pairs planned (all of them unless sampled)
 */
record VerificationPairs(int[] probes, int[] candidates, boolean[] genuine, long impostorPairs, long impostorsChosen) {

    boolean sampled() {
        return impostorsChosen < impostorPairs;
    }

    static VerificationPairs plan(Identities identities, int samples, long maxImpostors, long seed) {
        long total = (long) samples * (samples - 1) / 2;
        long genuinePairs = 0;
        for (int i = 0; i < identities.count(); i++) {
            long g = identities.sampleCount(i);
            genuinePairs += g * (g - 1) / 2;
        }
        long impostorPairs = total - genuinePairs;
        long chosen = Math.min(impostorPairs, maxImpostors);
        if (genuinePairs + chosen > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many comparisons planned: lower --max-impostors");
        }
        long[] codes = new long[(int) (genuinePairs + chosen)];
        int k = 0;
        if (chosen == impostorPairs) {
            for (int i = 0; i < samples; i++) {
                for (int j = i + 1; j < samples; j++) {
                    codes[k++] = (long) i * samples + j;
                }
            }
        } else {
            for (int id = 0; id < identities.count(); id++) {
                int[] group = identities.samplesOf(id);
                for (int a = 0; a < group.length; a++) {
                    for (int b = a + 1; b < group.length; b++) {
                        codes[k++] = (long) group[a] * samples + group[b];
                    }
                }
            }
            Random rng = Seeds.random(seed, "impostor-sample");
            Set<Long> picked = new HashSet<>();
            while (picked.size() < chosen) {
                long pair = rng.nextLong(total);
                int i = rowOf(pair, samples);
                int j = (int) (pair - rowStart(i, samples)) + i + 1;
                if (identities.identityOf(i) != identities.identityOf(j)) {
                    picked.add((long) i * samples + j);
                }
            }
            for (long code : picked) {
                codes[k++] = code;
            }
        }
        Arrays.sort(codes);
        int[] probes = new int[codes.length];
        int[] candidates = new int[codes.length];
        boolean[] genuine = new boolean[codes.length];
        for (int p = 0; p < codes.length; p++) {
            probes[p] = (int) (codes[p] / samples);
            candidates[p] = (int) (codes[p] % samples);
            genuine[p] = identities.identityOf(probes[p]) == identities.identityOf(candidates[p]);
        }
        return new VerificationPairs(probes, candidates, genuine, impostorPairs, chosen);
    }

    /** Index of the first pair whose probe is {@code i}, pairs (i, j>i) numbered row by row. */
    static long rowStart(int i, int n) {
        return (long) i * (2L * n - i - 1) / 2;
    }

    static int rowOf(long pair, int n) {
        int lo = 0;
        int hi = n - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (rowStart(mid, n) <= pair) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
