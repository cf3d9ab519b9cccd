package id.satunik.benchmarks;

import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dedup records per second end to end through {@link DedupEngine#dedupAll}: read the image files, decode,
 * extract (in parallel), search the gallery, decide, enroll. One operation is one record; an invocation is a batch
 * of {@value #BATCH} records of 2 fingers from real FVC images: 40 persons (impression 3 of two fingers each) then
 * the same 40 re-submitted under new NIKs (impression 4), which should come back as duplicates.
 *
 * <p>{@code galleryPersons} = 0 starts every batch on an empty store; a larger value starts it on a copy of a
 * prebuilt store of that many persons (see {@link Stores}; its persons share the FVC images, so nearly every record
 * of the batch is a duplicate of someone already enrolled). Each batch gets a fresh copy, so batches are alike.
 *
 * <p>Run: {@code java <satunik.jvm.flags> -jar benchmarks/target/benchmarks.jar DedupThroughputBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class DedupThroughputBenchmark {
    static final int BATCH = 80;

    /** The shared data folder, relative to the repository root. */
    @Param({"../shared/data"})
    public String data;

    @Param({"0", "1000"})
    public int galleryPersons;

    /** Where prebuilt stores are kept between runs, relative to the repository root. */
    @Param({"benchmarks/target/bench-stores"})
    public String storeRoot;

    private Path prebuilt;
    private List<EnrollmentRecord> batch;
    private Path store;
    private DedupEngine engine;

    /** Decisions of the last batch by kind: shows that the batch did find its duplicates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Decisions {
        public long enrolled;
        public long duplicates;
        public long other;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (galleryPersons > 0) {
            prebuilt = Stores.prebuilt(data, storeRoot, galleryPersons, 2);
        }
        List<FvcImages.Finger> pool = FvcImages.fingers(data);
        batch = new ArrayList<>();
        int persons = BATCH / 2;
        for (int p = 0; p < persons; p++) {
            batch.add(Stores.person(pool, p, 2, FvcImages.nik(500_000 + p), 3));
        }
        for (int p = 0; p < persons; p++) {
            batch.add(Stores.person(pool, p, 2, FvcImages.nik(600_000 + p), 4));
        }
    }

    @Setup(Level.Invocation)
    public void openStore() throws Exception {
        store = Files.createTempDirectory("satunik-dedup-bench");
        if (prebuilt != null) {
            Stores.copy(prebuilt, store);
        }
        engine = DedupEngine.open(EngineOptions.at(store).withCapacity(Math.max(1000, galleryPersons + BATCH)));
    }

    @TearDown(Level.Invocation)
    public void closeStore() throws Exception {
        engine.close();
        Stores.delete(store);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void dedupAll(Decisions decisions) {
        Map<DedupDecision.Kind, Integer> kinds = new EnumMap<>(DedupDecision.Kind.class);
        engine.dedupAll(batch, d -> kinds.merge(d.kind(), 1, Integer::sum));
        decisions.enrolled += kinds.getOrDefault(DedupDecision.Kind.ENROLLED, 0);
        decisions.duplicates += kinds.getOrDefault(DedupDecision.Kind.DUPLICATE, 0);
        decisions.other += BATCH - kinds.getOrDefault(DedupDecision.Kind.ENROLLED, 0)
                - kinds.getOrDefault(DedupDecision.Kind.DUPLICATE, 0);
    }
}
