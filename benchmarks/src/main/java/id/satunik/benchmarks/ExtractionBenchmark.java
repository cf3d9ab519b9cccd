package id.satunik.benchmarks;

import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fingerprint extraction per image on one thread, as the engine does it for every finger of every record:
 * decode the TIFF, check it, extract the SourceAFIS template, serialize it. Cycles through impression 1 of every
 * finger of one FVC set (or of all eight), the encoded bytes held in memory so that disk reads are not timed.
 * Image size drives the cost: FVC2000 DB3 (448×478) takes longest, DB4 (240×320) least.
 *
 * <p>Run: {@code java <satunik.jvm.flags> -jar benchmarks/target/benchmarks.jar ExtractionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ExtractionBenchmark {
    /** The shared data folder, relative to the repository root. */
    @Param({"../shared/data"})
    public String data;

    /** One FVC set, or {@code all} for the 80 fingers of the eight sets. */
    @Param({"all"})
    public String database;

    private final FingerprintExtractor extractor = new FingerprintExtractor();
    private final List<ImageSource> images = new ArrayList<>();
    private final List<Integer> dpis = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() throws IOException {
        for (FvcImages.Finger finger : FvcImages.fingers(data)) {
            if (database.equals("all") || finger.database().getFileName().toString().equals(database)) {
                var file = finger.impression(1);
                images.add(ImageSource.of(file.toString(), Files.readAllBytes(file)));
                dpis.add(finger.dpi());
            }
        }
        if (images.isEmpty()) {
            throw new IllegalStateException("no images for database " + database);
        }
    }

    @Benchmark
    public Object extract() {
        int i = next;
        next = (next + 1) % images.size();
        try {
            FingerTemplate template = extractor.extract(FingerPosition.RIGHT_INDEX, images.get(i), dpis.get(i));
            return template;
        } catch (InvalidInputException e) {
            return e; // a refused print costs its extraction all the same
        }
    }
}
