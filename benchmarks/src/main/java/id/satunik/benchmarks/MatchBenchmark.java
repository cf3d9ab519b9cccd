package id.satunik.benchmarks;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.PersonFingerprints;
import id.satunik.matcher.PersonProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * 1:1 comparison costs on one thread, on real FVC templates (impression 2 of each of the 80 fingers against
 * impression 1 of every finger, in turn: 1 genuine pair in 80, the mix of a 1:N search):
 * <ul>
 * <li>{@code sourceAfisMatch}: one comparison with the probe already prepared (a SourceAFIS
 * {@link FingerprintMatcher}), the inner step of every 1:N search;</li>
 * <li>{@code sourceAfisVerify}: one 1:1 verification from two templates, preparing the probe each time;</li>
 * <li>{@code personProbe}: person against person with the engine's {@link PersonProbe} on chimeric persons of
 * 1, 2, 4 or 10 real fingers (different FVC fingers dealt to positions), i.e. that many comparisons plus the
 * fusion.</li>
 * </ul>
 *
 * <p>Run: {@code java <satunik.jvm.flags> -jar benchmarks/target/benchmarks.jar MatchBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MatchBenchmark {

    /** Templates of impressions 1 and 2 of every FVC finger, extracted once. */
    @State(Scope.Benchmark)
    public static class Templates {
        /** The shared data folder, relative to the repository root. */
        @Param({"../shared/data"})
        public String data;

        List<FvcImages.Finger> fingers;
        FingerTemplate[] first;
        FingerTemplate[] second;
        FingerprintTemplate[] gallery;
        FingerprintTemplate[] probeTemplates;
        FingerprintMatcher[] probes;

        @Setup(Level.Trial)
        public void setUp() {
            fingers = FvcImages.fingers(data);
            first = extract(1);
            second = extract(2);
            gallery = IntStream.range(0, fingers.size()).mapToObj(i -> new FingerprintTemplate(first[i].bytes()))
                    .toArray(FingerprintTemplate[]::new);
            probeTemplates = IntStream.range(0, fingers.size()).mapToObj(i -> new FingerprintTemplate(second[i].bytes()))
                    .toArray(FingerprintTemplate[]::new);
            probes = IntStream.range(0, fingers.size()).mapToObj(i -> new FingerprintMatcher(probeTemplates[i]))
                    .toArray(FingerprintMatcher[]::new);
        }

        /** Without the minutiae floor: a weak print is still compared in a benchmark. */
        private FingerTemplate[] extract(int impression) {
            FingerprintExtractor extractor = new FingerprintExtractor();
            return fingers.parallelStream().map(f -> {
                var template = extractor.extractTemplate(f.toString(), ImageSource.of(f.impression(impression)), f.dpi());
                return new FingerTemplate(FingerPosition.RIGHT_INDEX, 0, template.toByteArray());
            }).toArray(FingerTemplate[]::new);
        }
    }

    /** A cursor over (probe, candidate) pairs, row by row. */
    @State(Scope.Thread)
    public static class Cursor {
        int probe;
        int candidate;

        void advance(int size) {
            if (++candidate == size) {
                candidate = 0;
                probe = (probe + 1) % size;
            }
        }
    }

    /** Chimeric persons: person p holds fingers p·n … p·n+n-1 of the list at the first n positions. */
    @State(Scope.Benchmark)
    public static class Persons {
        @Param({"1", "2", "4", "10"})
        public int fingers;

        PersonProbe[] probes;
        PersonFingerprints[] enrolled;

        @Setup(Level.Trial)
        public void setUp(Templates templates) {
            int persons = templates.fingers.size() / fingers;
            FingerPosition[] positions = FingerPosition.values();
            probes = new PersonProbe[persons];
            enrolled = new PersonFingerprints[persons];
            for (int p = 0; p < persons; p++) {
                List<FingerTemplate> probe = new ArrayList<>();
                List<FingerTemplate> gallery = new ArrayList<>();
                for (int k = 0; k < fingers; k++) {
                    int finger = p * fingers + k;
                    probe.add(new FingerTemplate(positions[k], 0, templates.second[finger].bytes()));
                    gallery.add(new FingerTemplate(positions[k], 0, templates.first[finger].bytes()));
                }
                probes[p] = new PersonProbe(probe);
                enrolled[p] = new PersonFingerprints(gallery);
            }
        }
    }

    @Benchmark
    public double sourceAfisMatch(Templates t, Cursor c) {
        double score = t.probes[c.probe].match(t.gallery[c.candidate]);
        c.advance(t.gallery.length);
        return score;
    }

    @Benchmark
    public double sourceAfisVerify(Templates t, Cursor c) {
        FingerprintTemplate probe = t.probeTemplates[c.probe];
        double score = new FingerprintMatcher(probe).match(t.gallery[c.candidate]);
        c.advance(t.gallery.length);
        return score;
    }

    @Benchmark
    public double personProbe(Persons persons, Cursor c, PerFinger out) {
        double score = persons.probes[c.probe].score(persons.enrolled[c.candidate], out.scores);
        c.advance(persons.probes.length);
        return score;
    }

    /** The per-finger output array, reused as the engine reuses it. */
    @State(Scope.Thread)
    public static class PerFinger {
        final double[] scores = new double[FingerPosition.values().length];
    }
}
