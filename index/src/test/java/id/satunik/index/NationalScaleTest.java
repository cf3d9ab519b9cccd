package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.FingerPosition;
import id.satunik.SearchStatistics;
import id.satunik.testing.SharedData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The national-scale figures of docs/benchmarks.md, asserted (behind {@code -Plarge}): a store of 1,000,000
 * synthetic persons x 10 fingers + 2 eyes ({@link SyntheticGallery}, as {@code satunik generate} makes it) with
 * eight real ten-finger persons planted in it, each made of the ten fingers of one shared FVC set (impression 1)
 * and both eyes of one CASIA-Iris-Interval subject. Their other impressions are searched, fingers only and with
 * both eyes: the search (extraction excluded) must take ≤ 1 s on 2 threads (asserted as ≤ 2 s of process CPU
 * time, which other processes' load does not inflate; the wall time is printed beside it), find the planted mate whenever
 * SourceAFIS finds it (score ≥ 40 against the mate alone: the exhaustive loop's finding, without the hours the
 * loop takes over 10 million fingers), and the store must reopen in ≤ 2 s with a heap that does not grow with
 * the gallery.
 *
 * <pre>
 * scripts/mvn -Plarge -pl index test -Dtest=NationalScaleTest -Dsatunik.large.store=/big/disk/s1m
 * </pre>
 * The store (≈ 35 GB) is generated on the first run (≈ 30 min on 2 cores) and reused by later runs.
 */
class NationalScaleTest {
    private static final String[] SETS = PlantedPersons.SETS;
    private static final int PERSONS = Integer.getInteger("satunik.large.persons", 1_000_000);
    private static final int THREADS = 2;

    private static DedupDecision plant(DedupEngine engine, String nik, int set) {
        return PlantedPersons.add(engine::dedup, nik, set, 1, true);
    }

    /** Identifies the probe, leaving out the prints the engine refuses; null when nothing usable is left. */
    private static List<Candidate> identify(DedupEngine engine, int set, int impression, boolean irises,
                                            Set<FingerPosition> leftOut) {
        return PlantedPersons.search(engine::identify, nik(100 + set * 10 + impression), set, impression, irises,
                leftOut);
    }

    /** The search probe of planted person {@code set}'s impression, less the prints the engine refuses. */
    private static SearchProbe probeOf(DefaultDedupEngine engine, int set, int impression, boolean irises) {
        return Objects.requireNonNull(PlantedPersons.search(engine::probeOf, nik(100 + set * 10 + impression), set,
                impression, irises, EnumSet.noneOf(FingerPosition.class)), "no usable print");
    }

    /** A planted person's impression, extracted: the prints the engine refused are left out of it. */
    private record Planted(int set, int impression, Set<FingerPosition> leftOut, SearchProbe probe) {
    }

    private static String nik(int serial) {
        return PlantedPersons.nik(serial);
    }

    @Test
    void tenFingerSearchAmongAMillionPersons() throws Exception {
        SharedData.assumeLarge();
        Path store = Path.of(System.getProperty("satunik.large.store", "target/national-scale"));
        EngineOptions options = EngineOptions.at(store).withThreads(THREADS).withCapacity(PERSONS + 100L);
        if (!Files.exists(store.resolve(FingerIndex.PERSONS_FILE))) {
            long t0 = System.nanoTime();
            SyntheticGallery.generate(options, 0, PERSONS, 10, true, 1, done -> { });
            System.out.printf(Locale.ROOT, "generated %,d persons x 10 fingers + 2 eyes in %.0f s%n", PERSONS,
                    (System.nanoTime() - t0) / 1e9);
        }
        // Reopen: the figure is the second and later opens (files in the page cache, as on a running server).
        double[] opens = new double[4];
        long heap = 0;
        for (int i = 0; i < opens.length; i++) {
            long t0 = System.nanoTime();
            try (DedupEngine engine = DedupEngine.open(options)) {
                opens[i] = (System.nanoTime() - t0) / 1e6;
                System.gc();
                heap = usedHeap(); // the whole JVM's heap in use after a collection, the open engine included
                assertTrue(engine.stats().persons() >= PERSONS, engine.stats().toString());
            }
        }
        System.out.printf(Locale.ROOT, "reopen: %s ms; heap in use with the engine open, after a collection: %.1f MB%n",
                Arrays.toString(Arrays.stream(opens).map(Math::round).toArray()), heap / 1e6);

        try (DedupEngine engine = DedupEngine.open(options)) {
            for (int set = 0; set < SETS.length; set++) {
                if (engine.stats().persons() < PERSONS + SETS.length) {
                    DedupDecision decision = plant(engine, nik(set), set);
                    System.out.println("planted " + SETS[set] + ": " + decision.kind() + " " + decision.reason());
                }
            }
        }
        // The reference: the same planted persons alone in a store searched exhaustively (SourceAFIS and the iris
        // matcher against every person), which finds what the exhaustive loop over the whole gallery would find
        // among them (the synthetic persons are nobody's mates).
        Path referenceStore = store.resolveSibling(store.getFileName() + "-reference");
        Files.createDirectories(referenceStore);
        EngineOptions referenceOptions = EngineOptions.at(referenceStore).withThreads(THREADS).withExhaustive(true);
        try (DedupEngine reference = DedupEngine.open(referenceOptions)) {
            for (int set = 0; set < SETS.length; set++) {
                plant(reference, nik(set), set);
            }
        }
        try (DefaultDedupEngine engine = DefaultDedupEngine.open(options);
             DedupEngine reference = DedupEngine.open(referenceOptions)) {
            for (boolean irises : new boolean[] {false, true}) {
                // Every probe extracted first, then searched in turn: the timed searches do not share the two
                // cores with extractions (and their garbage) or with the reference's exhaustive searches.
                List<Planted> probes = new ArrayList<>();
                int refusedProbes = 0;
                for (int set = 0; set < SETS.length; set++) {
                    for (int impression = 2; impression <= 8; impression++) {
                        Set<FingerPosition> leftOut = EnumSet.noneOf(FingerPosition.class);
                        SearchProbe probe = PlantedPersons.search(engine::probeOf, nik(100 + set * 10 + impression),
                                set, impression, irises, leftOut);
                        if (probe == null) {
                            refusedProbes++;
                        } else {
                            probes.add(new Planted(set, impression, leftOut, probe));
                        }
                    }
                }
                List<Double> millis = new ArrayList<>();
                List<List<Candidate>> found = new ArrayList<>();
                long rescored = 0;
                for (Planted planted : probes) {
                    SearchStatistics before = engine.statistics();
                    found.add(engine.identify(planted.probe()));
                    SearchStatistics after = engine.statistics();
                    millis.add((after.searchNanos() - before.searchNanos()) / 1e6);
                    rescored += after.personsRescored() - before.personsRescored();
                }
                int mates = 0;
                int recalled = 0;
                for (int i = 0; i < probes.size(); i++) {
                    Planted planted = probes.get(i);
                    List<Candidate> candidates = found.get(i);
                    // the reference: SourceAFIS (and the iris matcher) against the planted mate alone
                    String mate = nik(planted.set());
                    double referenceScore = PlantedPersons.score(identify(reference, planted.set(), planted.impression(),
                            irises, EnumSet.copyOf(planted.leftOut())), mate);
                    boolean mateFound = PlantedPersons.score(candidates, mate) >= EngineOptions.DEFAULT_THRESHOLD;
                    if (referenceScore >= EngineOptions.DEFAULT_THRESHOLD) {
                        if (!mateFound) {
                            System.out.printf(Locale.ROOT, "  missed %s impression %d (%s left out): reference %.1f,"
                                            + " found %s%n", SETS[planted.set()], planted.impression(), planted.leftOut(),
                                    referenceScore, candidates.subList(0, Math.min(3, candidates.size())));
                        }
                        mates++;
                        recalled += mateFound ? 1 : 0;
                    }
                }
                millis.sort(null);
                double median = millis.get(millis.size() / 2);
                double worst = millis.get(millis.size() - 1);
                System.out.printf(Locale.ROOT, "%s: %d searches among %,d persons on %d threads, search (extraction"
                                + " excluded) median %.0f ms, p90 %.0f ms, max %.0f ms; %d persons compared in full a"
                                + " search; mates found %d of %d the reference finds; %d probes refused%n",
                        irises ? "10 fingers + 2 eyes" : "10 fingers", millis.size(), engine.stats().persons(),
                        THREADS, median, millis.get(millis.size() * 9 / 10), worst, rescored / millis.size(),
                        recalled, mates, refusedProbes);
                assertEquals(mates, recalled, "recall");
                assertTrue(mates >= 50, "the reference finds most mates: " + mates);
                // the wall time is printed, not asserted: on a shared machine it measures the other processes too
            }
        }
        // The cost of a search in CPU time (process CPU time around the search alone, extraction done before):
        // unlike the wall time above it does not grow with the other processes' load, so it is the figure asserted
        // for "<= 1 s on 2 cores" (at most 2 CPU-seconds a search, the search spread over both threads).
        try (DefaultDedupEngine engine = DefaultDedupEngine.open(options)) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (boolean irises : new boolean[] {false, true}) {
                List<Double> cpu = new ArrayList<>();
                List<Double> wall = new ArrayList<>();
                for (int set = 0; set < SETS.length; set++) {
                    SearchProbe probe = probeOf(engine, set, 2, irises);
                    for (int repeat = 0; repeat < 3; repeat++) {
                        long c0 = os.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        engine.identify(probe);
                        wall.add((System.nanoTime() - t0) / 1e6);
                        cpu.add((os.getProcessCpuTime() - c0) / 1e6);
                    }
                }
                cpu.sort(null);
                wall.sort(null);
                double medianCpu = cpu.get(cpu.size() / 2);
                System.out.printf(Locale.ROOT, "%s, impression 2 of each set, 3 times: search CPU time median %.0f ms"
                                + " (max %.0f ms), wall median %.0f ms at load average %.1f%n",
                        irises ? "10 fingers + 2 eyes" : "10 fingers", medianCpu, cpu.getLast(), wall.get(wall.size() / 2),
                        os.getSystemLoadAverage());
                assertTrue(medianCpu / THREADS <= 1000, "search CPU time median " + medianCpu + " ms on " + THREADS
                        + " threads");
            }
        }
        assertTrue(opens[opens.length - 1] <= 2000, "reopen " + opens[opens.length - 1] + " ms");
        assertTrue(heap < 512L << 20, "heap " + heap);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
