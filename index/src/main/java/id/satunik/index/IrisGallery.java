package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.matcher.IrisScore;
import id.satunik.matcher.IrisTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The enrolled irises: one {@link IrisCodeFile} per eye position in a directory ({@code iris-right.codes},
 * {@code iris-left.codes}), and the parallel scan over them.
 *
 * <p>Thread-safety: appends are serialised per file; scans may run concurrently with each other and with
 * appends, each seeing the eyes committed when it reached that file.
 */
final class IrisGallery implements AutoCloseable {
    /**
     * The scan reports eyes scoring at least this ({@link IrisScore}: FMR ≈ 0.1% per eye) as candidates. Lower
     * than the decision threshold (40) on purpose: a person is decided on all modalities fused, and two eyes at 30
     * each fuse to 44.5; only a person whose two eyes both fall between 26 and 30 could fuse above 40 unseen.
     */
    static final double CANDIDATE_SCORE = 30;
    /** {@link #CANDIDATE_SCORE} as a normalised Hamming distance (0.3737). */
    static final double CANDIDATE_DISTANCE = IrisScore.distanceAt(CANDIDATE_SCORE);

    private final Map<EyePosition, IrisCodeFile> files = new EnumMap<>(EyePosition.class);
    private final IrisScanner scanner;
    private final IrisScanKernel kernel;

    IrisGallery(Path directory, int threads) {
        this(directory, threads, IrisVectorScan.INSTANCE);
    }

    IrisGallery(Path directory, int threads, IrisScanKernel kernel) {
        this.kernel = kernel;
        try {
            for (EyePosition eye : EyePosition.values()) {
                files.put(eye, IrisCodeFile.open(fileOf(directory, eye), eye));
            }
        } catch (RuntimeException e) {
            files.values().forEach(IrisCodeFile::close);
            throw e;
        }
        this.scanner = new IrisScanner(threads);
    }

    static Path fileOf(Path directory, EyePosition eye) {
        return directory.resolve("iris-" + eye.name().toLowerCase(java.util.Locale.ROOT) + ".codes");
    }

    /** Stores one eye of the person {@code nik}; returns its slot in the file of its position. */
    int append(long nik, IrisTemplate eye) {
        return files.get(eye.position()).append(nik, eye);
    }

    IrisTemplate templateAt(EyePosition eye, int slot) {
        return files.get(eye).templateAt(slot);
    }

    long nikAt(EyePosition eye, int slot) {
        return files.get(eye).nikAt(slot);
    }

    /** Enrolled eyes of one position. */
    int size(EyePosition eye) {
        return files.get(eye).size();
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
            if (eye != null) {
                IrisScanner.Result result = scanner.scan(files.get(position), eye, threshold, kernel);
                hits.addAll(result.hits());
                comparisons += result.comparisons();
            }
        }
        hits.sort(IrisHit.ORDER);
        return new IrisScanner.Result(List.copyOf(hits), comparisons);
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
