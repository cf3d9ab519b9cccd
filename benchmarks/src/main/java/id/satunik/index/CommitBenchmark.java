package id.satunik.index;

import id.satunik.Durability;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.FingerMinutiae;
import id.satunik.matcher.FingerTemplate;
import java.util.EnumMap;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The commit of one enrollment ({@link StoreCommits#enroll}: journal append, person store, demographic index,
 * checkpoints) at each
 * {@link Durability}, on the store folder's file system: ten 1.2 KB finger templates a person (the size SourceAFIS
 * serializes), synced once per {@link DefaultDedupEngine#SYNC_GROUP} enrollments at BATCH, per enrollment at
 * RECORD. Extraction and search, which dominate a real dedup, are left out: this is what durability costs.
 *
 * <p>Run: {@code java $(cat cli/target/satunik.jvmopts) -jar benchmarks/target/benchmarks.jar CommitBenchmark
 * -f 1 -wi 1 -i 3}; {@code -Dsatunik.bench.dir=DIR} puts the store on another file system (default: java.io.tmpdir).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1)
@State(Scope.Benchmark)
public class CommitBenchmark {
    @Param({"NONE", "BATCH", "RECORD"})
    public Durability durability;

    private Path dir;
    private PersonStore store;
    private IrisGallery irises;
    private FingerIndex fingerIndex;
    private DemographicIndex demographics;
    private StoreCommits commits;
    private List<FingerTemplate> fingers;
    private Map<FingerPosition, FingerMinutiae> minutiae;
    private long serial;
    private static final String[] NAMES = {"Siti Aminah", "Muhammad Yusuf", "Joko Widodo", "Nur Aini"};

    @Setup(Level.Iteration)
    public void open() throws IOException {
        Path parent = Path.of(System.getProperty("satunik.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(parent, "satunik-commit-");
        store = ChronicleMapPersonStore.open(dir, 200_000);
        irises = new IrisGallery(dir, 1);
        fingerIndex = FingerIndex.open(dir);
        demographics = DemographicIndex.open(dir, null, false);
        commits = StoreCommits.open(dir, store, fingerIndex, irises, demographics, TemplateCipher.CLEAR, durability);
        Random random = new Random(1);
        fingers = new ArrayList<>();
        minutiae = new EnumMap<>(FingerPosition.class);
        for (FingerPosition position : FingerPosition.values()) {
            byte[] bytes = new byte[1200];
            random.nextBytes(bytes);
            fingers.add(new FingerTemplate(position, 40, bytes));
            int[] x = new int[40];
            int[] y = new int[40];
            float[] directions = new float[40];
            for (int i = 0; i < 40; i++) {
                x[i] = random.nextInt(400);
                y[i] = random.nextInt(500);
                directions[i] = (float) (random.nextDouble() * 2 * Math.PI);
            }
            minutiae.put(position, FingerMinutiae.of(x, y, directions, "E".repeat(20) + "B".repeat(20)));
        }
        serial = 0;
    }

    @Benchmark
    public PersonRecord enroll() {
        serial++;
        Nik nik = Nik.fromLong(3507010101000000L + serial);
        // a name, birth date, sex and region for the demographic index, as an e-KTP record carries
        PersonRecord person = new PersonRecord(nik, NAMES[(int) (serial % NAMES.length)] + " " + serial,
                java.time.LocalDate.of(1990, 1, 1), nik.sex(), "Kab. Malang", Instant.EPOCH, fingers);
        PersonRecord stored = commits.enroll(person, List.of(), minutiae, Instant.EPOCH);
        if (durability == Durability.BATCH && serial % DefaultDedupEngine.SYNC_GROUP == 0) {
            commits.sync();
        }
        return stored;
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        commits.close();
        demographics.close();
        irises.close();
        fingerIndex.close();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
