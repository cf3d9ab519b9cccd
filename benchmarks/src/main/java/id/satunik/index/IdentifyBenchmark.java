package id.satunik.index;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.Candidate;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.Nik;
import id.satunik.benchmarks.FvcImages;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.PersonFingerprints;
import id.satunik.matcher.PersonProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1:N identify throughput: the engine's gallery search (all cores, the code path of {@code dedup} and
 * {@code identify}) against a plain single-thread SourceAFIS {@link FingerprintMatcher} loop over the same
 * gallery. The {@code comparisons} counter is fingerprint comparisons per second.
 *
 * <p>Gallery: real templates extracted from the FVC images in the shared data folder (impressions 1-7 of every
 * finger of every FVC 'B' set), repeated under distinct NIKs up to {@code gallerySize}; every gallery entry is
 * its own deserialized template object, as in a real gallery, so the heap working set grows with the gallery.
 * The probe is impression 8 of one finger (its mates are in the gallery).
 *
 * <p>Run: {@code java $(cat cli/target/satunik.jvmopts) -jar benchmarks/target/benchmarks.jar Identify
 * -p data=../shared/data}. The package is the engine's, so the benchmark reaches its package-private gallery.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class IdentifyBenchmark {

    /** The real templates and the probe, shared by both benchmarks. */
    @State(Scope.Benchmark)
    public static class Templates {
        @Param({"1000", "10000"})
        public int gallerySize;

        /** The shared data folder (with the FVC sets under fingerprint/). */
        @Param({"../shared/data"})
        public String data;

        List<byte[]> templates;
        FingerTemplate probe;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            FingerprintExtractor extractor = new FingerprintExtractor();
            // Impressions 1-7 of every finger of every FVC set; impression 8 stays out for probes.
            List<Path> images = FvcImages.fingers(data).stream()
                    .flatMap(f -> IntStream.rangeClosed(1, 7).mapToObj(f::impression)).toList();
            if (images.isEmpty()) {
                throw new IllegalStateException("no FVC images under " + Path.of(data, "fingerprint").toAbsolutePath()
                        + ": set -p data=DIR");
            }
            ExecutorService extractors = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            templates = new ArrayList<>();
            for (var future : extractors.invokeAll(images.stream().<Callable<byte[]>>map(p -> () -> {
                try {
                    return extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of(p), 500).bytes();
                } catch (InvalidInputException e) {
                    return null; // a poor print: leave it out
                }
            }).toList())) {
                if (future.get() != null) {
                    templates.add(future.get());
                }
            }
            extractors.shutdown();
            Path probeImage = Path.of(data, "fingerprint", "fvc2002-db1b", "102_8.tif");
            probe = extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of(probeImage), 500);
        }

        byte[] template(int i) {
            return templates.get(i % templates.size());
        }
    }

    /** The engine's gallery and search pool; built only when {@link #engineSearch} runs. */
    @State(Scope.Benchmark)
    public static class Engine {
        /** Threads of the engine's search pool; 0 = all cores. */
        @Param({"0"})
        public int threads;

        FingerprintGallery gallery;
        PersonProbe probe;
        ExecutorService pool;

        @Setup(Level.Trial)
        public void setUp(Templates t) {
            gallery = new FingerprintGallery();
            List<PersonFingerprints> people = IntStream.range(0, t.gallerySize).parallel()
                    .mapToObj(i -> new PersonFingerprints(List.of(new FingerTemplate(FingerPosition.RIGHT_THUMB, 0,
                            t.template(i)))))
                    .toList();
            for (int i = 0; i < t.gallerySize; i++) {
                gallery.add(nikOf(i), people.get(i));
            }
            probe = new PersonProbe(List.of(t.probe));
            pool = Executors.newFixedThreadPool(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.shutdownNow();
        }
    }

    /** The plain loop's templates; built only when {@link #plainSourceAfisLoop} runs. */
    @State(Scope.Benchmark)
    public static class Plain {
        FingerprintMatcher matcher;
        FingerprintTemplate[] gallery;

        @Setup(Level.Trial)
        public void setUp(Templates t) {
            gallery = IntStream.range(0, t.gallerySize).parallel()
                    .mapToObj(i -> new FingerprintTemplate(t.template(i)))
                    .toArray(FingerprintTemplate[]::new);
            matcher = new FingerprintMatcher(new FingerprintTemplate(t.probe.bytes()));
        }
    }

    /** Reports comparisons/s next to searches/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Comparisons {
        public long comparisons;
    }

    static Nik nikOf(int i) {
        return Nik.parse(FvcImages.nik(i));
    }

    /** The engine: parallel chunked search with ranking, as run by dedup and identify. */
    @Benchmark
    public List<Candidate> engineSearch(Engine engine, Templates t, Comparisons counter) {
        List<Candidate> result = engine.gallery.search(engine.probe, 10, 40, engine.pool);
        counter.comparisons += t.gallerySize;
        return result;
    }

    /** The baseline: one thread, one SourceAFIS matcher, every gallery template in turn, keep the best. */
    @Benchmark
    public double plainSourceAfisLoop(Plain plain, Templates t, Comparisons counter) {
        double best = 0;
        for (FingerprintTemplate candidate : plain.gallery) {
            best = Math.max(best, plain.matcher.match(candidate));
        }
        counter.comparisons += t.gallerySize;
        return best;
    }
}
