package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.EyePosition;
import id.satunik.matcher.IrisCode;
import id.satunik.matcher.IrisMatcher;
import id.satunik.matcher.IrisTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vectorised scan against the plain loop on a synthetic gallery with planted genuine re-captures whose
 * distances straddle the threshold: the hits (and so the decisions at the threshold) must be identical, and must
 * not depend on the number of threads.
 */
class IrisScanTest {
    /** More than one mapped chunk (65,536 eyes), so that a scan stopping at a chunk's end is caught. */
    static final int EYES = IrisCodeFile.CHUNK_RECORDS + 4_464;
    static final double THRESHOLD = IrisGallery.CANDIDATE_DISTANCE;

    @TempDir
    static Path dir;
    static IrisCodeFile file;
    static SyntheticIrisGallery gallery = new SyntheticIrisGallery(42);
    static final List<IrisProbe.Eye> probes = new ArrayList<>();
    static final List<Integer> planted = new ArrayList<>();

    @BeforeAll
    static void fill() {
        file = IrisCodeFile.open(dir.resolve("right.codes"), EyePosition.RIGHT);
        gallery.fill(file, EYES);
        SplittableRandom random = new SplittableRandom(7);
        // 60 probes: re-captures of random gallery eyes at flip rates from clear matches to clear non-matches,
        // most of them close to the threshold so that both sides of it are exercised.
        for (int p = 0; p < 60; p++) {
            // every fourth probe a re-capture of an eye in the second chunk
            int target = p % 4 == 0 ? IrisCodeFile.CHUNK_RECORDS + random.nextInt(EYES - IrisCodeFile.CHUNK_RECORDS)
                    : random.nextInt(EYES);
            double flip = p < 5 ? 0.1 : p < 55 ? 0.30 + 0.12 * random.nextDouble() : 0.45;
            int shift = random.nextInt(2 * IrisCode.MAX_SHIFT + 1) - IrisCode.MAX_SHIFT;
            IrisTemplate copy = SyntheticIrisGallery.recapture(gallery.eye(target, EyePosition.RIGHT), shift, flip,
                    random.nextLong());
            probes.add(IrisProbe.Eye.of(copy));
            planted.add(target);
        }
    }

    @AfterAll
    static void close() {
        file.close();
    }

    @Test
    void fastScanDecidesExactlyAsThePlainLoop() {
        int matched = 0;
        int missed = 0;
        try (IrisScanner scanner = new IrisScanner(2)) {
            for (int p = 0; p < probes.size(); p++) {
                IrisScanner.Result plain = scanner.scan(file, probes.get(p), THRESHOLD, IrisPlainScan.INSTANCE);
                IrisScanner.Result fast = scanner.scan(file, probes.get(p), THRESHOLD, IrisVectorScan.INSTANCE);
                assertEquals(plain.hits(), fast.hits(), "probe " + p);
                assertEquals(plain.hits(), scanner.scan(file, probes.get(p), THRESHOLD, IrisVectorScan.GENERIC).hits(),
                        "generic kernel, probe " + p);
                assertEquals(EYES, fast.comparisons());
                int target = planted.get(p);
                if (plain.hits().stream().anyMatch(h -> h.slot() == target)) {
                    matched++;
                } else {
                    missed++;
                }
            }
        }
        // the sweep of flip rates must have put planted copies on both sides of the threshold
        assertTrue(matched >= 10 && missed >= 10, "matched " + matched + ", missed " + missed);
    }

    @Test
    void bothKernelsAgreeWithThePlainLoopOverManyThresholds() {
        try (IrisScanner scanner = new IrisScanner(2)) {
            for (double t : new double[] {0.20, 0.28, 0.32, 0.35, 0.3573, 0.38, 0.40, 0.42, 0.44}) {
                for (int p = 0; p < probes.size(); p += 7) {
                    List<IrisHit> plain = scanner.scan(file, probes.get(p), t, IrisPlainScan.INSTANCE).hits();
                    assertEquals(plain, scanner.scan(file, probes.get(p), t, IrisVectorScan.INSTANCE).hits(),
                            "threshold " + t + ", probe " + p);
                    assertEquals(plain, scanner.scan(file, probes.get(p), t, IrisVectorScan.GENERIC).hits(),
                            "generic kernel, threshold " + t + ", probe " + p);
                }
            }
        }
    }

    @Test
    void theVectorPreTestLetsAlmostNothingThroughToThePlainEvaluation() {
        // identical hits prove nothing about the pre-test (every record it passes is re-checked exactly): count
        try (IrisScanner scanner = new IrisScanner(2)) {
            for (IrisVectorScan kernel : new IrisVectorScan[] {IrisVectorScan.INSTANCE, IrisVectorScan.GENERIC}) {
                IrisVectorScan.EVALUATED.reset();
                int hits = scanner.scan(file, probes.get(59), THRESHOLD, kernel).hits().size();
                long evaluated = IrisVectorScan.EVALUATED.sum();
                assertTrue(evaluated >= hits && evaluated <= hits + EYES / 1000,
                        kernel.bits() + "-bit kernel evaluated " + evaluated + " of " + EYES + " for " + hits + " hits");
            }
        }
    }

    @Test
    void decisionsAgreeRightAtTheThreshold() {
        // thresholds placed exactly on the distances of planted copies: the equality case of the integer test
        try (IrisScanner scanner = new IrisScanner(2)) {
            for (int p = 0; p < 10; p++) {
                IrisProbe.Eye probe = probes.get(p);
                double exact = IrisMatcher.compare(probe.template(), file.templateAt(planted.get(p))).distance();
                for (double t : new double[] {Math.nextDown(exact), exact}) {
                    if (t >= 0.5) {
                        continue;
                    }
                    List<IrisHit> fast = scanner.scan(file, probe, t, IrisVectorScan.INSTANCE).hits();
                    assertEquals(scanner.scan(file, probe, t, IrisPlainScan.INSTANCE).hits(), fast);
                    assertEquals(t == exact, fast.stream().anyMatch(h -> h.slot() == planted.get(probes.indexOf(probe))),
                            "threshold " + t + " vs distance " + exact);
                }
            }
        }
    }

    @Test
    void hitsCarryTheExactComparisonOfTheOneToOneMatcher() {
        try (IrisScanner scanner = new IrisScanner(2)) {
            IrisProbe.Eye probe = probes.get(0);
            List<IrisHit> hits = scanner.scan(file, probe, THRESHOLD, IrisVectorScan.INSTANCE).hits();
            assertTrue(hits.stream().anyMatch(h -> h.slot() == planted.get(0)));
            for (IrisHit hit : hits) {
                IrisMatcher.Comparison c = IrisMatcher.compare(probe.template(), file.templateAt(hit.slot()));
                assertEquals(c.distance(), hit.distance());
                assertEquals(c.shift(), hit.shift());
                assertEquals(c.differing(), hit.differing());
                assertEquals(c.compared(), hit.compared());
                assertEquals(SyntheticIrisGallery.nikOf(hit.slot()), hit.nik());
                assertEquals(EyePosition.RIGHT, hit.eye());
            }
        }
    }

    @Test
    void everyHitOfEveryProbeCarriesTheOneToOneComparison() {
        // Both kernels hand their candidates to the same exact evaluation, so comparing kernels with each other
        // cannot catch a wrong rotation search in it: every hit of every probe (re-captures at all shifts) is
        // checked against the 1:1 matcher, where only probe 0's hits and the planted mates were before.
        int checked = 0;
        int negativeShifts = 0;
        try (IrisScanner scanner = new IrisScanner(2)) {
            for (IrisProbe.Eye probe : probes) {
                for (IrisHit hit : scanner.scan(file, probe, THRESHOLD, IrisVectorScan.INSTANCE).hits()) {
                    IrisMatcher.Comparison c = IrisMatcher.compare(probe.template(), file.templateAt(hit.slot()));
                    String where = "slot " + hit.slot();
                    assertEquals(c.distance(), hit.distance(), where);
                    assertEquals(c.shift(), hit.shift(), where);
                    assertEquals(c.differing(), hit.differing(), where);
                    assertEquals(c.compared(), hit.compared(), where);
                    checked++;
                    negativeShifts += hit.shift() < 0 ? 1 : 0;
                }
            }
        }
        assertTrue(checked >= 30 && negativeShifts >= 5, checked + " hits, " + negativeShifts + " at negative shifts");
    }

    @Test
    void rotationsThatTieGoToTheSmallestShiftAsInTheMatcher(@TempDir Path own) {
        // a code of alternating columns compares equally at every even shift (-2, 0, 2): the tie must go to shift 0,
        // as IrisMatcher breaks it, whichever kernel found the record
        long[] code = new long[IrisCode.CODE_WORDS];
        java.util.Arrays.fill(code, 0x5555_5555_5555_5555L);
        long[] mask = new long[IrisCode.MASK_WORDS];
        java.util.Arrays.fill(mask, -1L);
        IrisTemplate eye = new IrisTemplate(EyePosition.RIGHT, code, mask);
        try (IrisCodeFile small = IrisCodeFile.open(own.resolve("right.codes"), EyePosition.RIGHT);
             IrisScanner scanner = new IrisScanner(1)) {
            small.append(1234_5678_9012_3456L, eye);
            IrisProbe.Eye probe = IrisProbe.Eye.of(eye);
            IrisMatcher.Comparison c = IrisMatcher.compare(eye, eye);
            assertEquals(0, c.shift());
            for (IrisScanKernel kernel : List.of(IrisPlainScan.INSTANCE, IrisVectorScan.INSTANCE, IrisVectorScan.GENERIC)) {
                List<IrisHit> hits = scanner.scan(small, probe, THRESHOLD, kernel).hits();
                assertEquals(1, hits.size(), kernel.toString());
                assertEquals(0, hits.getFirst().shift(), kernel.toString());
                assertEquals(c.distance(), hits.getFirst().distance(), kernel.toString());
            }
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        IrisProbe.Eye probe = probes.get(3);
        // a loose threshold gives many hits to order
        double loose = 0.46;
        List<IrisHit> reference;
        try (IrisScanner one = new IrisScanner(1)) {
            reference = one.scan(file, probe, loose, IrisVectorScan.INSTANCE).hits();
        }
        assertTrue(reference.size() > 50, "hits " + reference.size());
        for (int threads : new int[] {2, 3, 7}) {
            try (IrisScanner scanner = new IrisScanner(threads)) {
                assertEquals(reference, scanner.scan(file, probe, loose, IrisVectorScan.INSTANCE).hits(),
                        threads + " threads");
                assertEquals(reference, scanner.scan(file, probe, loose, IrisPlainScan.INSTANCE).hits(),
                        threads + " threads, plain");
            }
        }
    }
}
