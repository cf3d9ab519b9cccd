package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.matcher.IrisCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * 1:N iris scan throughput: the plain scalar loop ({@link IrisPlainScan}) and the vectorised scan
 * ({@link IrisVectorScan}) side by side, on the same synthetic gallery of {@code eyes} right eyes in a
 * memory-mapped {@link IrisCodeFile}, with the same rotations (±{@value IrisCode#MAX_SHIFT} columns =
 * {@value IrisCode#ROTATIONS} rotations of a {@value IrisCode#CODE_BITS}-bit code with a 1024-bit mask), the same
 * threshold and, by construction, the same hits (checked in setup). One operation is one full scan; the
 * {@code comparisons} counter is eye comparisons per second over all {@code threads} (divide by threads for per
 * core).
 *
 * <p>The gallery is generated once into {@code java.io.tmpdir} (or {@code -Dsatunik.bench.dir}) and reopened by
 * every fork: opening a mapped store costs nothing, which is the point of the format. Commands: docs/iris.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IrisScanBenchmark {
    /** The scan's candidate threshold (score 30, docs/iris.md). */
    static final double THRESHOLD = IrisGallery.CANDIDATE_DISTANCE;
    static final long GALLERY_SEED = 20260101L;

    @Param({"1000000"})
    public int eyes;

    @Param({"1"})
    public int threads;

    IrisCodeFile file;
    IrisProbe.Eye probe;
    IrisScanner scanner;

    /** Eye comparisons made, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long comparisons;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        file = openGallery(eyes);
        // a genuine re-capture of one enrolled eye, turned by two columns: both scans must find it
        int target = eyes / 3;
        probe = IrisProbe.Eye.of(SyntheticIrisGallery.recapture(
                new SyntheticIrisGallery(GALLERY_SEED).eye(target, EyePosition.RIGHT), 2, 0.2, 1));
        scanner = new IrisScanner(threads);
        IrisScanner.Result fast = scanner.scan(file, probe, THRESHOLD, IrisVectorScan.INSTANCE);
        IrisScanner.Result plain = scanner.scan(file, probe, THRESHOLD, IrisPlainScan.INSTANCE);
        if (!fast.hits().equals(plain.hits()) || fast.hits().stream().noneMatch(h -> h.slot() == target)) {
            throw new IllegalStateException("scans disagree or miss the planted eye: " + fast.hits() + " vs "
                    + plain.hits());
        }
        System.out.printf("%niris gallery: %d eyes, %d bytes per enrolled eye (%d-bit code + %d-bit mask + NIK + "
                        + "meta), %d rotations, threshold %.4f, %d-bit vectors, hits %s%n", file.size(),
                IrisCodeFile.RECORD_BYTES, IrisCode.CODE_BITS, IrisCode.MASK_WORDS * 64, IrisCode.ROTATIONS,
                THRESHOLD, IrisVectorScan.INSTANCE.bits(), fast.hits());
    }

    /** The synthetic gallery of {@code eyes} right eyes, generated on first use and then reopened from disk. */
    static IrisCodeFile openGallery(int eyes) throws Exception {
        Path dir = Path.of(System.getProperty("satunik.bench.dir", System.getProperty("java.io.tmpdir")));
        Path path = dir.resolve("satunik-iris-bench-" + GALLERY_SEED + "-" + eyes + "-v"
                + IrisCodeFile.VERSION + ".codes");
        if (Files.exists(path)) {
            IrisCodeFile existing = IrisCodeFile.open(path, EyePosition.RIGHT);
            if (existing.size() == eyes) {
                return existing;
            }
            existing.close();
            Files.delete(path);
        }
        Path partial = dir.resolve(path.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try (IrisCodeFile building = IrisCodeFile.open(partial, EyePosition.RIGHT)) {
            new SyntheticIrisGallery(GALLERY_SEED).fill(building, eyes);
        }
        Files.move(partial, path);
        return IrisCodeFile.open(path, EyePosition.RIGHT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scanner.close();
        file.close();
    }

    @Benchmark
    public IrisScanner.Result plainLoop(Counters counters) {
        IrisScanner.Result result = scanner.scan(file, probe, THRESHOLD, IrisPlainScan.INSTANCE);
        counters.comparisons += result.comparisons();
        return result;
    }

    @Benchmark
    public IrisScanner.Result vectorScan(Counters counters) {
        IrisScanner.Result result = scanner.scan(file, probe, THRESHOLD, IrisVectorScan.INSTANCE);
        counters.comparisons += result.comparisons();
        return result;
    }
}
