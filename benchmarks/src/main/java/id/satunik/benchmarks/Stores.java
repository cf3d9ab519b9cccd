package id.satunik.benchmarks;

import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Gallery stores for the engine benchmarks, built through the public API and kept on disk between runs (building
 * extracts every image: about a minute per 1,000 persons of 2 fingers on two cores).
 *
 * <p>Persons re-use the 640 FVC images: person i carries fingers i·n … i·n+n-1 of the 80 FVC fingers (wrapping)
 * at the first n positions, impression (i·n / 80) % 8 + 1, under its own NIK. Templates therefore repeat past 40
 * persons of 2 fingers; what the engine costs to open or search depends on how many templates it holds, not on
 * whether they repeat.
 *
 * <p>Stateless; call from one thread at a time per store folder.
 */
final class Stores {
    private Stores() {
    }

    /** The store of {@code persons} persons of {@code fingers} fingers under {@code root}, built when missing. */
    static Path prebuilt(String data, String root, int persons, int fingers) throws IOException {
        Path store = Path.of(root, "persons-" + persons + "-fingers-" + fingers);
        Path complete = store.resolve("BUILT");
        if (Files.exists(complete)) {
            return store;
        }
        delete(store);
        List<FvcImages.Finger> pool = FvcImages.fingers(data);
        try (DedupEngine engine = DedupEngine.open(EngineOptions.at(store).withCapacity(persons));
             ExecutorService workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            // enroll() extracts in the calling thread, so several callers extract in parallel.
            List<Future<DedupDecision>> decisions = new ArrayList<>();
            for (int i = 0; i < persons; i++) {
                EnrollmentRecord record = person(pool, i, fingers, FvcImages.nik(i), -1);
                decisions.add(workers.submit(() -> engine.enroll(record)));
            }
            for (Future<DedupDecision> decision : decisions) {
                if (decision.get().kind() != DedupDecision.Kind.ENROLLED) {
                    throw new IllegalStateException("not enrolled: " + decision.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        Files.writeString(complete, persons + " persons of " + fingers + " fingers\n");
        return store;
    }

    /**
     * Person i of the scheme above under {@code nik}; {@code impression} 1-8 overrides the scheme's impression.
     */
    static EnrollmentRecord person(List<FvcImages.Finger> pool, int i, int fingers, String nik, int impression) {
        EnrollmentRecord.Builder builder = EnrollmentRecord.builder(nik).dpi(500);
        int chosen = impression > 0 ? impression : (int) (((long) i * fingers / pool.size()) % 8) + 1;
        FingerPosition[] positions = FingerPosition.values();
        for (int k = 0; k < fingers; k++) {
            FvcImages.Finger finger = pool.get((int) (((long) i * fingers + k) % pool.size()));
            builder.finger(positions[k], ImageSource.of(finger.impression(chosen)));
        }
        return builder.build();
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals("BUILT")) {
                    Files.copy(source, target);
                }
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
