package id.satunik.index;

import com.machinezoo.sourceafis.FingerprintImage;
import com.machinezoo.sourceafis.FingerprintImageOptions;
import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.benchmarks.FvcImages;
import id.satunik.matcher.FingerMinutiae;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Recall of the finger pre-selection on real prints planted among synthetic ones: impression 1 of every finger of
 * the eight FVC 'B' sets enrolled (one finger a person) among {@code N} synthetic fingers
 * ({@link SyntheticFingerprints}), each of impressions 2-8 searched; a mate counts when plain SourceAFIS scores it
 * at or above 40 (what the exhaustive loop finds), and is recalled when the pre-selection's shortlist holds it.
 * Prints recall and penetration (shortlist / gallery fingers) per set and shortlist size, and the search time.
 *
 * <pre>
 * java $(cat cli/target/satunik.jvmopts) -cp benchmarks/target/benchmarks.jar id.satunik.index.PreselectionRecall \
 *     ../shared/data 1000000 /tmp/recall-1m 2
 * </pre>
 * The index is built in the given folder once and reused by later runs with the same size.
 */
public final class PreselectionRecall {
    private static final FingerPosition POSITION = FingerPosition.RIGHT_INDEX;
    private static final double FOUND = 40;

    private PreselectionRecall() {
    }

    record Probe(String set, int planted, FingerMinutiae minutiae, FingerprintTemplate template) {
    }

    public static void main(String[] args) throws Exception {
        String data = args.length > 0 ? args[0] : "../shared/data";
        int synthetic = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Path.of(args.length > 2 ? args[2] : "target/recall-" + synthetic);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        int[] sizes = {64, 256, 1000, 2500, 5000, 10_000, 20_000};

        List<FvcImages.Finger> fingers = FvcImages.fingers(data);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        // templates of every impression, extracted in parallel
        List<Future<FingerprintTemplate[]>> extracted = new ArrayList<>();
        for (FvcImages.Finger finger : fingers) {
            extracted.add(pool.submit(() -> {
                FingerprintTemplate[] t = new FingerprintTemplate[9];
                for (int i = 1; i <= 8; i++) {
                    t[i] = new FingerprintTemplate(new FingerprintImage(Files.readAllBytes(finger.impression(i)),
                            new FingerprintImageOptions().dpi(finger.dpi())));
                }
                return t;
            }));
        }
        List<FingerprintTemplate[]> templates = new ArrayList<>();
        for (Future<FingerprintTemplate[]> f : extracted) {
            templates.add(f.get());
        }
        System.out.printf(Locale.ROOT, "extracted %d FVC images in %.0f s%n", fingers.size() * 8,
                (System.nanoTime() - start) / 1e9);

        boolean fresh = !Files.exists(dir.resolve(FingerIndex.PERSONS_FILE));
        Files.createDirectories(dir);
        try (FingerIndex index = FingerIndex.open(dir)) {
            if (fresh) {
                start = System.nanoTime();
                for (int p = 0; p < fingers.size(); p++) {
                    index.append(plantedNik(p), Map.of(POSITION,
                            FingerMinutiae.parse(templates.get(p)[1].toByteArray())));
                }
                SyntheticFingerprints prints = new SyntheticFingerprints(7);
                int batch = 4096;
                for (int from = 0; from < synthetic; from += batch) {
                    List<Future<FingerMinutiae>> made = new ArrayList<>();
                    for (int i = from; i < Math.min(synthetic, from + batch); i++) {
                        int person = i;
                        made.add(pool.submit(() -> FingerMinutiae.parse(prints.finger(person, POSITION).bytes())));
                    }
                    for (int i = 0; i < made.size(); i++) {
                        index.append(Nik.fromLong(SyntheticFingerprints.nikOf(from + i)), Map.of(POSITION, made.get(i).get()));
                    }
                }
                index.flush();
                System.out.printf(Locale.ROOT, "built index of %,d fingers in %.0f s%n", index.size(),
                        (System.nanoTime() - start) / 1e9);
            }
            if (index.size() != fingers.size() + synthetic) {
                throw new IllegalStateException(dir + " holds " + index.size() + " fingers, not "
                        + (fingers.size() + synthetic) + ": use another folder");
            }
            FingerPreselection preselection = new FingerPreselection(pool, threads);
            int maxSize = sizes[sizes.length - 1];
            Map<String, int[]> found = new LinkedHashMap<>();   // per set: mates found by SourceAFIS
            Map<String, int[][]> recalled = new LinkedHashMap<>(); // per set and size
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long wall = 0;
            long searches = 0;
            for (int p = 0; p < fingers.size(); p++) {
                String set = fingers.get(p).database().getFileName().toString();
                found.putIfAbsent(set, new int[1]);
                recalled.putIfAbsent(set, new int[sizes.length][1]);
                for (int impression = 2; impression <= 8; impression++) {
                    FingerprintTemplate probe = templates.get(p)[impression];
                    FingerprintMatcher matcher = new FingerprintMatcher(probe);
                    Map<Integer, Double> mates = new LinkedHashMap<>(); // planted finger -> its SourceAFIS score
                    for (int q = 0; q < fingers.size(); q++) {
                        double score = matcher.match(templates.get(q)[1]);
                        if (score >= FOUND) {
                            mates.put(q, score);
                        }
                    }
                    if (mates.isEmpty()) {
                        continue;
                    }
                    FingerQuery query = new FingerQuery(Map.of(POSITION,
                            FingerMinutiae.parse(probe.toByteArray())), true);
                    long t0 = System.nanoTime();
                    FingerPreselection.Shortlist shortlist = preselection.select(query, index, maxSize, maxSize);
                    wall += System.nanoTime() - t0;
                    searches++;
                    for (int mate : mates.keySet()) {
                        found.get(set)[0]++;
                        int rank = rankOf(shortlist, mate);
                        for (int s = 0; s < sizes.length; s++) {
                            if (rank >= 0 && rank < sizes[s]) {
                                recalled.get(set)[s][0]++;
                            }
                        }
                        if (rank < 0 || rank >= 1000) {
                            System.out.printf(Locale.ROOT, "  %s %d_%d vs planted %s (SourceAFIS %.1f): rank %d%n", set,
                                    fingers.get(p).id(), impression, fingers.get(mate).database().getFileName() + "/"
                                            + fingers.get(mate).id(), mates.get(mate), rank);
                        }
                    }
                }
            }
            long gallery = index.size();
            System.out.printf(Locale.ROOT, "gallery %,d fingers; %d searches, %.1f ms each (wall, %d threads)%n",
                    gallery, searches, wall / 1e6 / searches, threads);
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %6s", "set", "found"));
            for (int size : sizes) {
                header.append(String.format(Locale.ROOT, " %14s", size + " (" + pct(size, gallery) + ")"));
            }
            System.out.println(header);
            int[] totals = new int[sizes.length];
            int allFound = 0;
            for (String set : found.keySet()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s %6d", set, found.get(set)[0]));
                for (int s = 0; s < sizes.length; s++) {
                    row.append(String.format(Locale.ROOT, " %14s", pct(recalled.get(set)[s][0], found.get(set)[0])));
                    totals[s] += recalled.get(set)[s][0];
                }
                allFound += found.get(set)[0];
                System.out.println(row);
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s %6d", "all", allFound));
            for (int s = 0; s < sizes.length; s++) {
                row.append(String.format(Locale.ROOT, " %14s", pct(totals[s], allFound)));
            }
            System.out.println(row);
        } finally {
            pool.shutdown();
        }
    }

    private static String pct(long part, long whole) {
        return String.format(Locale.ROOT, "%.2f%%", 100.0 * part / Math.max(1, whole));
    }

    private static int rankOf(FingerPreselection.Shortlist shortlist, int planted) {
        for (int i = 0; i < shortlist.size(); i++) {
            if (shortlist.ordinals()[i] == planted) {
                return i;
            }
        }
        return -1;
    }

    private static Nik plantedNik(int p) {
        return Nik.parse(FvcImages.nik(p));
    }

}
