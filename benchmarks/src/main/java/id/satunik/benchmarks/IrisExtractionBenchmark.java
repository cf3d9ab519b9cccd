package id.satunik.benchmarks;

import id.satunik.EyePosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.matcher.IrisExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Iris extraction per image on one thread, as the engine does it for every eye of every record: decode, segment
 * (pupil, limbus, lids, lashes, reflections), unwrap, encode the 2048-bit code and its mask, score the quality.
 * Cycles through {@value #IMAGES} images spread evenly over one shared iris set, the encoded bytes held in memory so
 * that disk reads are not timed; a refused image costs its extraction all the same. Issue 8 asks for ≤ 30 ms per
 * 320×240 image on one core.
 *
 * <p>Run: {@code java <satunik.jvm.flags> -jar benchmarks/target/benchmarks.jar IrisExtractionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class IrisExtractionBenchmark {
    static final int IMAGES = 200;

    /** The shared data folder, relative to the repository root. */
    @Param({"../shared/data"})
    public String data;

    /** A folder under {@code iris/}: {@code iitd} (320×240), {@code casia-iris-interval} (320×280), {@code casia-v1}. */
    @Param({"iitd", "casia-iris-interval", "casia-v1"})
    public String set;

    private final IrisExtractor extractor = new IrisExtractor();
    private final List<ImageSource> images = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.walk(Path.of(data, "iris", set))) {
            all = files.filter(p -> p.toString().matches(".*\\.(bmp|jpg|png|tif)$")).sorted().toList();
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no iris images under " + Path.of(data, "iris", set));
        }
        for (int i = 0; i < IMAGES && i < all.size(); i++) {
            Path file = all.get((int) ((long) i * all.size() / Math.min(IMAGES, all.size())));
            images.add(ImageSource.of(file.toString(), Files.readAllBytes(file)));
        }
    }

    @Benchmark
    public Object extract() {
        int i = next;
        next = (next + 1) % images.size();
        try {
            return extractor.extract(EyePosition.RIGHT, images.get(i));
        } catch (InvalidInputException e) { // a refused eye (UnusableSampleException) included
            return e;
        }
    }
}
