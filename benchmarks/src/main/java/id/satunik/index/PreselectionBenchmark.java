package id.satunik.index;

import id.satunik.Candidate;
import id.satunik.EngineOptions;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.matcher.IrisTemplate;
import id.satunik.matcher.PreparedFinger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1:N identify through the engine's search seam on a synthetic store ({@code satunik generate}'s population):
 * the finger pre-selection over the memory-mapped index, then SourceAFIS (templates read from the person store)
 * and the iris matcher on the shortlist, fused. Extraction excluded: the probe is person {@code persons / 2}'s own
 * templates (and eyes), so its mate is in the gallery. Compare with {@code IdentifyBenchmark.plainLoop}'s
 * comparisons/s for the exhaustive single-thread loop over the same number of fingers.
 *
 * <p>The store is generated once into {@code stores}/PERSONSxFINGERS[+irises] and reused. Run:
 * {@code java $(cat cli/target/satunik.jvmopts) -jar benchmarks/target/benchmarks.jar PreselectionBenchmark
 * -p persons=100000 -p fingers=1 -p threads=1,2}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class PreselectionBenchmark {

    @State(Scope.Benchmark)
    public static class Gallery {
        @Param({"100000"})
        public int persons;
        @Param({"1", "10"})
        public int fingers;
        @Param({"false"})
        public boolean irises;
        @Param({"1", "2"})
        public int threads;
        @Param({"target/bench-stores"})
        public String stores;

        DefaultDedupEngine engine;
        SearchProbe probe;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Path dir = Path.of(stores, persons + "x" + fingers + (irises ? "+irises" : ""));
            EngineOptions options = EngineOptions.at(dir).withThreads(threads).withCapacity(persons);
            if (!Files.exists(dir.resolve(FingerIndex.PERSONS_FILE))) {
                SyntheticGallery.generate(options.withThreads(Runtime.getRuntime().availableProcessors()), 0, persons,
                        fingers, irises, 1, done -> { });
            }
            engine = DefaultDedupEngine.open(options);
            int mate = persons / 2;
            SyntheticFingerprints prints = new SyntheticFingerprints(1);
            List<PreparedFinger> probeFingers = new ArrayList<>();
            for (FingerPosition position : List.of(FingerPosition.values()).subList(0, fingers)) {
                probeFingers.add(PreparedFinger.of(prints.finger(mate, position)));
            }
            SyntheticIrisGallery eyes = new SyntheticIrisGallery(1);
            List<IrisTemplate> probeEyes = irises
                    ? List.of(eyes.eye(mate, EyePosition.RIGHT), eyes.eye(mate, EyePosition.LEFT)) : List.of();
            probe = SearchProbe.of(probeFingers, probeEyes);
            List<Candidate> found = engine.identify(probe);
            if (found.isEmpty() || !found.getFirst().nik().value().equals(SyntheticGallery.nikOf(mate))) {
                throw new IllegalStateException("the mate was not found first: " + found);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
        }
    }

    @Benchmark
    public List<Candidate> identify(Gallery gallery) {
        return gallery.engine.identify(gallery.probe);
    }
}
