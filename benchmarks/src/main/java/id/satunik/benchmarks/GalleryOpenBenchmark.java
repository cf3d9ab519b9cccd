package id.satunik.benchmarks;

import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to open an engine over an existing store of {@code persons} persons and close it again: opening reads
 * every person from the Chronicle Map store and deserializes its templates into the in-memory gallery, so it is
 * the start-up cost of a dedup service and grows with the gallery. The store is built once through
 * {@code DedupEngine.enroll} of real FVC images re-used under many NIKs (see {@link Stores}) and kept in
 * {@code storeRoot} for later runs.
 *
 * <p>Run: {@code java <satunik.jvm.flags> -jar benchmarks/target/benchmarks.jar GalleryOpenBenchmark -p persons=1000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class GalleryOpenBenchmark {
    /** The shared data folder, relative to the repository root. */
    @Param({"../shared/data"})
    public String data;

    @Param({"1000", "10000"})
    public int persons;

    /** Fingers per person. */
    @Param({"2"})
    public int fingers;

    /** Where built stores are kept between runs, relative to the repository root. */
    @Param({"benchmarks/target/bench-stores"})
    public String storeRoot;

    private Path store;

    @Setup(Level.Trial)
    public void buildStore() throws Exception {
        store = Stores.prebuilt(data, storeRoot, persons, fingers);
    }

    @Benchmark
    public long openAndClose() {
        try (DedupEngine engine = DedupEngine.open(EngineOptions.at(store).withCapacity(persons))) {
            return engine.stats().persons();
        }
    }
}
