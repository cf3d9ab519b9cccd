package id.satunik.index;

import id.satunik.FingerPosition;
import id.satunik.matcher.FingerTemplate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one {@link SyntheticFingerprints} finger (field, minutiae, CBOR template) on one thread: what building a
 * synthetic gallery of 10 million fingers costs before any store or index work. Each call is a new (person, finger),
 * as in a gallery build.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SyntheticFingerprintsBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class SyntheticFingerprintsBenchmark {
    private static final FingerPosition[] FINGERS = FingerPosition.values();

    private final SyntheticFingerprints synthetic = new SyntheticFingerprints(20260101L);
    private int next;

    @Benchmark
    public FingerTemplate finger() {
        int i = next++ & 0x3FFFFFFF;
        return synthetic.finger(i / 10, FINGERS[i % 10]);
    }
}
