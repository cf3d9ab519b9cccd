package id.satunik.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Pair planning and the chimeric protocol on a synthetic modality whose template is its identity's number: same
 * identity scores 100, different identities 0. Any impostor comparison that is really genuine (a finger dealt
 * twice, a mate counted as a non-mate) would show up as a false match.
 */
class ProtocolTest {

    /** Template = identity index; score 100 for the same identity, else 0. */
    private static final class Oracle implements Modality<Integer> {
        @Override
        public String name() {
            return "oracle";
        }

        @Override
        public String scoreScale() {
            return "test";
        }

        @Override
        public double recommendedThreshold() {
            return 40;
        }

        @Override
        public String refusalNote() {
            return "test";
        }

        @Override
        public Integer extract(Sample sample) {
            return Integer.parseInt(sample.identity().subject());
        }

        @Override
        public ToDoubleFunction<Integer> probe(Integer template) {
            return candidate -> candidate.equals(template) ? 100 : 0;
        }

        @Override
        public double fuse(double[] scores) {
            return id.satunik.matcher.ScoreFusion.fuse(scores);
        }

        @Override
        public List<String> positions(int count) {
            return java.util.Collections.nCopies(count, "P");
        }

        @Override
        public int maxPositions() {
            return 10;
        }
    }

    private static List<Sample> samples(int[] impressions) {
        List<Sample> samples = new ArrayList<>();
        for (int id = 0; id < impressions.length; id++) {
            for (int i = 1; i <= impressions[id]; i++) {
                samples.add(new Sample("db", new Sample.Identity("db", String.valueOf(id)), i, Path.of(id + "_" + i), 500));
            }
        }
        return samples;
    }

    @Test
    void plansEveryPairOrASeededSampleOfImpostors() {
        List<Sample> samples = samples(new int[] {3, 2, 4, 1, 3});
        Identities identities = new Identities(samples);
        int n = samples.size();
        VerificationPairs all = VerificationPairs.plan(identities, n, Long.MAX_VALUE, 1);
        assertEquals((long) n * (n - 1) / 2, all.probes().length);
        assertEquals(3 + 1 + 6 + 0 + 3, count(all.genuine(), true));
        assertEquals(all.impostorPairs(), count(all.genuine(), false));

        VerificationPairs sampled = VerificationPairs.plan(identities, n, 20, 1);
        assertTrue(sampled.sampled());
        assertEquals(13, count(sampled.genuine(), true), "every genuine pair is kept");
        assertEquals(20, count(sampled.genuine(), false));
        Set<Long> distinct = new HashSet<>();
        for (int k = 0; k < sampled.probes().length; k++) {
            assertTrue(sampled.probes()[k] < sampled.candidates()[k]);
            assertTrue(k == 0 || sampled.probes()[k - 1] <= sampled.probes()[k], "grouped by probe");
            assertEquals(sampled.genuine()[k], identities.identityOf(sampled.probes()[k])
                    == identities.identityOf(sampled.candidates()[k]));
            distinct.add((long) sampled.probes()[k] * n + sampled.candidates()[k]);
        }
        assertEquals(33, distinct.size(), "no pair twice");
        VerificationPairs again = VerificationPairs.plan(identities, n, 20, 1);
        assertArrayEquals(sampled.candidates(), again.candidates(), "same seed, same sample");
    }

    @Test
    void pairIndexesDecodeRowByRow() {
        int n = 7;
        long pair = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                assertEquals(i, VerificationPairs.rowOf(pair, n));
                assertEquals(pair - VerificationPairs.rowStart(i, n) + i + 1, j);
                pair++;
            }
        }
    }

    @Test
    void chimericPersonsNeverCompareAFingerWithItselfAsAnImpostor() {
        // 40 fingers: most with 4 impressions, some with 2 or 3; persons of 10 take the fewest.
        int[] impressions = new int[40];
        for (int f = 0; f < impressions.length; f++) {
            impressions[f] = f % 7 == 0 ? 2 : f % 5 == 0 ? 3 : 4;
        }
        List<Sample> samples = samples(impressions);
        Oracle oracle = new Oracle();
        try (ForkJoinPool pool = new ForkJoinPool(2)) {
            Enrolment<Integer> enrolment = Enrolment.extract(samples, oracle, pool);
            Identities identities = new Identities(enrolment.enrolled());
            ProbeGalleryScores scores = new ProbeGalleryScores(identities, samples.size(),
                    new Comparisons<>(oracle, enrolment.templates(), pool));
            for (int fingers : new int[] {1, 2, 4, 10}) {
                OpenSetSearches.Result result = ChimericPersons.evaluate(scores, oracle, fingers, 4, 25, 0.5, 42);
                ErrorCurve id = result.identification();
                assertEquals(0, id.falseMatchRate(1), "no non-mated search finds anyone, " + fingers + " fingers");
                assertEquals(0, id.falseNonMatchRate(40), "every mate found, " + fingers + " fingers");
                assertEquals(0, result.verification().falseMatchRate(1));
                assertEquals(25 * 2, result.enrolledIdentities(), "2 of 4 persons enrolled per round");
                assertEquals(2, result.maxGallery());
                // A person has as many samples as its finger with the fewest (2-4): 1-3 probes per enrolled person.
                assertTrue(id.matedCount() >= 25 * 2 && id.matedCount() <= 25 * 2 * 3, "mated " + id.matedCount());
            }
        }
    }

    private static long count(boolean[] values, boolean wanted) {
        long c = 0;
        for (boolean v : values) {
            if (v == wanted) {
                c++;
            }
        }
        return c;
    }
}
