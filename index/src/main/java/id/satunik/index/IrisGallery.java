package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.Nik;
import id.satunik.matcher.IrisMatcher;
import id.satunik.matcher.IrisScore;
import id.satunik.matcher.IrisTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The enrolled irises: one {@link IrisCodeFile} per eye position in the store folder ({@code iris-right.codes},
 * {@code iris-left.codes}, created with the first eye of their position, so a fingerprint-only store has none),
 * which persons own which slots, the parallel scan, and the per-eye scores of a probe against one person.
 *
 * <p>A slot counts only when the stored person names it: the scan proposes, rescoring checks against the person
 * record, so codes appended by an enrollment that failed before its person was stored are never reported, and
 * opening a store reads nothing per person.
 *
 * <p>Thread-safety: appends come from one thread at a time (the engine's enrollment lock; each file also
 * serialises its own); scans and scores may run concurrently with each other and with appends, each seeing the
 * eyes committed and registered when it reached them.
 */
final class IrisGallery implements AutoCloseable {
    /**
     * The scan reports eyes scoring at least this ({@link IrisScore}: FMR ≈ 0.1% per eye) as candidates. Lower
     * than the decision threshold (40) on purpose: a person is decided on all modalities fused, and two eyes at 30
     * each fuse to 48; only a person whose two eyes both fall between 26 and 30 could fuse above 40 unseen.
     */
    static final double CANDIDATE_SCORE = 30;
    /** {@link #CANDIDATE_SCORE} as a normalised Hamming distance (0.3737). */
    static final double CANDIDATE_DISTANCE = IrisScore.distanceAt(CANDIDATE_SCORE);

    private final Path directory;
    private final Map<EyePosition, IrisCodeFile> files = new ConcurrentHashMap<>();
    private final IrisScanner scanner;
    private final IrisScanKernel kernel;
    private final LongAdder comparisons = new LongAdder();

    IrisGallery(Path directory, int threads) {
        this(directory, threads, IrisVectorScan.INSTANCE);
    }

    IrisGallery(Path directory, int threads, IrisScanKernel kernel) {
        this.directory = directory;
        this.kernel = kernel;
        try {
            for (EyePosition eye : EyePosition.values()) {
                if (Files.exists(fileOf(directory, eye))) {
                    files.put(eye, IrisCodeFile.open(fileOf(directory, eye), eye));
                }
            }
        } catch (RuntimeException e) {
            files.values().forEach(IrisCodeFile::close);
            throw e;
        }
        this.scanner = new IrisScanner(threads);
    }

    static Path fileOf(Path directory, EyePosition eye) {
        return directory.resolve("iris-" + eye.name().toLowerCase(Locale.ROOT) + ".codes");
    }

    private IrisCodeFile file(EyePosition eye) {
        return files.computeIfAbsent(eye, e -> IrisCodeFile.open(fileOf(directory, e), e));
    }

    /** Stores one eye of the person {@code nik}; returns its slot in the file of its position. */
    int append(long nik, IrisTemplate eye) {
        return file(eye.position()).append(nik, eye);
    }

    /** Stores a person's eyes; returns their slots (to keep in the person record, then {@link #register}). */
    Map<EyePosition, Integer> append(Nik nik, Collection<IrisTemplate> eyes) {
        Map<EyePosition, Integer> slots = new EnumMap<>(EyePosition.class);
        for (IrisTemplate eye : eyes) {
            slots.put(eye.position(), append(nik.toLong(), eye));
        }
        return slots;
    }

    IrisTemplate templateAt(EyePosition eye, int slot) {
        return files.get(eye).templateAt(slot);
    }

    long nikAt(EyePosition eye, int slot) {
        return files.get(eye).nikAt(slot);
    }

    /** Enrolled eyes of one position (registered or not). */
    int size(EyePosition eye) {
        IrisCodeFile file = files.get(eye);
        return file == null ? 0 : file.size();
    }

    /**
     * Every enrolled eye within {@code threshold} (normalised Hamming distance) of the probe eye of the same
     * position, closest first.
     */
    IrisScanner.Result scan(IrisProbe probe, double threshold) {
        List<IrisHit> hits = new ArrayList<>();
        long comparisons = 0;
        for (EyePosition position : EyePosition.values()) {
            IrisProbe.Eye eye = probe.eye(position);
            IrisCodeFile file = files.get(position);
            if (eye != null && file != null) {
                IrisScanner.Result result = scanner.scan(file, eye, threshold, kernel);
                hits.addAll(result.hits());
                comparisons += result.comparisons();
            }
        }
        hits.sort(IrisHit.ORDER);
        return new IrisScanner.Result(List.copyOf(hits), comparisons);
    }

    /**
     * Every enrolled eye at or above {@link #CANDIDATE_SCORE} against the probe's eye of the same position, closest
     * first, as proposals: the slot is checked against the stored person at rescoring, so an eye appended by an
     * enrollment that never committed is never reported.
     */
    List<Proposal> candidates(IrisProbe probe) {
        IrisScanner.Result result = scan(probe, CANDIDATE_DISTANCE);
        comparisons.add(result.comparisons());
        List<Proposal> out = new ArrayList<>(result.hits().size());
        for (IrisHit hit : result.hits()) {
            out.add(new Proposal(Nik.fromLong(hit.nik()), Proposal.Source.IRIS_SCAN, hit.slot(), hit.eye()));
        }
        return out;
    }

    /** Eye comparisons (scan and 1:1 re-scoring) performed so far by the engine's searches. */
    long comparisons() {
        return comparisons.sum();
    }

    /**
     * The calibrated score of each of the probe's eyes against the same eye of a person (its {@code slots}), indexed by
     * {@link EyePosition#ordinal()}; NaN where either lacks the eye.
     */
    double[] scores(IrisProbe probe, Map<EyePosition, Integer> slots) {
        double[] scores = new double[EyePosition.values().length];
        Arrays.fill(scores, Double.NaN);
        for (Map.Entry<EyePosition, Integer> enrolled : slots.entrySet()) {
            IrisProbe.Eye eye = probe.eye(enrolled.getKey());
            if (eye != null) {
                IrisTemplate stored = templateAt(enrolled.getKey(), enrolled.getValue());
                scores[enrolled.getKey().ordinal()] = IrisMatcher.compare(eye.template(), stored).score();
                comparisons.increment();
            }
        }
        return scores;
    }

    /** The iris files and the bytes they hold (header and committed records; the mapped rest is sparse). */
    Map<String, Long> files() {
        Map<String, Long> out = new LinkedHashMap<>();
        Map<EyePosition, IrisCodeFile> ordered = new EnumMap<>(EyePosition.class);
        ordered.putAll(files);
        for (Map.Entry<EyePosition, IrisCodeFile> file : ordered.entrySet()) {
            out.put(file.getValue().path().getFileName().toString(),
                    IrisCodeFile.HEADER_BYTES + IrisCodeFile.bytesFor(file.getValue().size()));
        }
        return out;
    }

    /** Writes both files' mapped pages to disk. */
    void flush() {
        files.values().forEach(IrisCodeFile::flush);
    }

    @Override
    public void close() {
        scanner.close();
        files.values().forEach(IrisCodeFile::close);
    }
}
