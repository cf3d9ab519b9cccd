package id.satunik.index;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.GalleryStats;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.Nik;
import id.satunik.SearchStatistics;
import id.satunik.UnusableSampleException;
import id.satunik.matcher.FingerMinutiae;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.IrisExtractor;
import id.satunik.matcher.IrisTemplate;
import id.satunik.matcher.PersonFingerprints;
import id.satunik.matcher.PreparedFinger;
import id.satunik.matcher.MatchRule;
import id.satunik.matcher.ScoreFusion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The default engine: Chronicle Map person store on disk, SourceAFIS for extraction and matching, a compact
 * memory-mapped finger index ({@link FingerIndex}) whose pre-selection proposes a shortlist, irises extracted with
 * OpenCV and their codes in memory-mapped code files ({@link IrisGallery}) scanned 1:N. Every search goes through
 * one seam, {@link GallerySearch}: candidate sources propose persons, {@link Rescoring} compares each proposed person
 * on all the modalities both carry and fuses them with {@link ScoreFusion}. {@link EngineOptions#exhaustive()}
 * swaps the finger pre-selection for SourceAFIS against every person (the reference). Opening a store maps its
 * files and reads nothing per person. See {@link DedupEngine} for the contract.
 *
 * <p>Thread-safety: safe to share. Extraction runs in the caller's thread (or the batch workers); the
 * decide-and-enroll step holds {@link #enrollment}; searches run on {@link #searchPool}.
 */
final class DefaultDedupEngine implements DedupEngine {
    private final EngineOptions options;
    private final StoreLock storeLock;
    private final PersonStore store;
    private final FingerIndex fingerIndex;
    private final FingerprintExtractor extractor = new FingerprintExtractor();
    private final IrisExtractor irisExtractor = new IrisExtractor();
    private final IrisGallery irises;
    private final ExecutorService searchPool;
    private final Rescoring rescoring;
    private final ExhaustiveFingerSource exhaustive;
    private final GallerySearch search;
    private final ReentrantLock enrollment = new ReentrantLock();
    private final Clock clock = Clock.systemUTC();
    private final LongAdder extractionNanos = new LongAdder();
    private final LongAdder searchNanos = new LongAdder();
    private final LongAdder decisionNanos = new LongAdder();
    private final LongAdder searches = new LongAdder();
    private volatile boolean closed;

    private DefaultDedupEngine(EngineOptions options, StoreLock storeLock, PersonStore store, FingerIndex fingerIndex,
                               IrisGallery irises) {
        this.options = options;
        this.storeLock = storeLock;
        this.store = store;
        this.fingerIndex = fingerIndex;
        this.irises = irises;
        this.searchPool = Executors.newFixedThreadPool(options.threads(), Thread.ofPlatform()
                .name("satunik-search-", 0).daemon(true).factory());
        this.rescoring = new Rescoring(store, irises, searchPool);
        this.exhaustive = new ExhaustiveFingerSource(store, searchPool);
        CandidateSource fingers = options.exhaustive() ? exhaustive
                : new FingerIndexSource(fingerIndex, new FingerPreselection(searchPool, options.threads()));
        this.search = new GallerySearch(List.of(fingers, new IrisScanSource(irises)), rescoring);
    }

    static DefaultDedupEngine open(EngineOptions options) {
        Path dir = options.store();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create store folder " + dir + ": " + e.getMessage(), e);
        }
        StoreLock lock = StoreLock.acquire(dir);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            PersonStore store = ChronicleMapPersonStore.open(dir, options.capacity());
            opened.add(store);
            FingerIndex fingerIndex = FingerIndex.open(dir);
            opened.add(fingerIndex);
            IrisGallery irises = new IrisGallery(dir, options.threads());
            opened.add(irises);
            return new DefaultDedupEngine(options, lock, store, fingerIndex, irises);
        } catch (RuntimeException e) {
            for (AutoCloseable closeable : opened.reversed()) {
                try {
                    closeable.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            lock.close();
            throw e;
        }
    }

    @Override
    public DedupDecision dedup(EnrollmentRecord record) {
        ensureOpen();
        return decide(prepare(record));
    }

    @Override
    public void dedupAll(List<EnrollmentRecord> records, Consumer<DedupDecision> sink) {
        ensureOpen();
        // Extraction of upcoming records overlaps the serial decisions; the window bounds memory.
        int window = Math.max(2, options.threads() * 2);
        try (ExecutorService workers = Executors.newFixedThreadPool(options.threads(),
                Thread.ofPlatform().name("satunik-extract-", 0).daemon(true).factory())) {
            Deque<Future<PreparedRecord>> pending = new ArrayDeque<>();
            int next = 0;
            for (int i = 0; i < records.size(); i++) {
                while (next < records.size() && pending.size() < window) {
                    EnrollmentRecord upcoming = records.get(next++);
                    pending.add(workers.submit(() -> prepare(upcoming)));
                }
                sink.accept(decide(await(pending.poll())));
            }
        }
    }

    @Override
    public DedupDecision enroll(EnrollmentRecord record) {
        ensureOpen();
        return switch (prepare(record)) {
            case PreparedRecord.Refused refused -> refused.decision();
            case PreparedRecord.Ready ready -> {
                enrollment.lock();
                try {
                    ensureOpen();
                    if (store.contains(ready.nik())) {
                        yield new DedupDecision.Rejected(record.nik(), "NIK " + ready.nik()
                                + " is already enrolled; nothing changed (use dedup to check a re-submission)");
                    }
                    add(ready);
                    yield new DedupDecision.Enrolled(ready.nik().value(), ready.dropped(), false);
                } finally {
                    enrollment.unlock();
                }
            }
        };
    }

    @Override
    public List<Candidate> identify(EnrollmentRecord probe) {
        ensureOpen();
        probe.validateSamples();
        PreparedRecord.Ready ready = extract(probe, null, "probe");
        List<Candidate> ranked = search(ready.probe(), Double.POSITIVE_INFINITY);
        return ranked.subList(0, Math.min(options.candidateLimit(), ranked.size()));
    }

    /** 1:N for a probe prepared elsewhere (benchmarks, a shard serving a distributed search). */
    List<Candidate> identify(SearchProbe probe) {
        ensureOpen();
        List<Candidate> ranked = search(probe, Double.POSITIVE_INFINITY);
        return ranked.subList(0, Math.min(options.candidateLimit(), ranked.size()));
    }

    static double compare(ImageSource first, ImageSource second, int dpi) {
        FingerprintExtractor extractor = new FingerprintExtractor();
        FingerprintTemplate a = extractor.extractTemplate("first image " + first.name(), first, dpi);
        FingerprintTemplate b = extractor.extractTemplate("second image " + second.name(), second, dpi);
        return MatchRule.finger(new FingerprintMatcher(a), b);
    }

    @Override
    public long comparisons() {
        return rescoring.fingerComparisons() + exhaustive.examined() + irises.comparisons();
    }

    @Override
    public SearchStatistics statistics() {
        long entries = 0;
        for (CandidateSource source : search.sources()) {
            entries += source.examined();
        }
        return new SearchStatistics(extractionNanos.sum(), searchNanos.sum(), decisionNanos.sum(), searches.sum(),
                entries, rescoring.persons(), rescoring.fingerComparisons());
    }

    @Override
    public double threshold() {
        return options.threshold();
    }

    @Override
    public GalleryStats stats() {
        ensureOpen();
        Map<String, Long> files = new LinkedHashMap<>(store.files());
        files.putAll(fingerIndex.files());
        files.putAll(irises.files());
        return new GalleryStats(store.size(), fingerIndex.fingers(), files);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        enrollment.lock();
        try {
            searchPool.shutdownNow();
            irises.close();
            fingerIndex.close();
            store.close();
        } finally {
            storeLock.close();
            enrollment.unlock();
        }
    }

    /** Validation and extraction: {@link PreparedRecord.Ready}, or the refusal that says why not. */
    private PreparedRecord prepare(EnrollmentRecord record) {
        long start = System.nanoTime();
        try {
            Nik nik = record.validate();
            return extract(record, nik, "record " + nik);
        } catch (InvalidInputException e) {
            return new PreparedRecord.Refused(new DedupDecision.Rejected(record.nik(), e.getMessage()));
        } catch (RuntimeException e) {
            // One image that breaks the extractor must not stop a batch of thousands: reject that record.
            return new PreparedRecord.Refused(new DedupDecision.Rejected(record.nik(), "record " + record.nik()
                    + ": could not be processed (" + e + "); nothing enrolled"));
        } finally {
            extractionNanos.add(System.nanoTime() - start);
        }
    }

    /** Extracts every sample, each template once; {@code nik} is null for a search probe. */
    private PreparedRecord.Ready extract(EnrollmentRecord record, Nik nik, String subject) {
        List<PreparedFinger> fingers = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<FingerPosition, ImageSource> finger : record.fingers().entrySet()) {
            try {
                fingers.add(extractor.prepare(finger.getKey(), finger.getValue(), record.dpi()));
            } catch (UnusableSampleException e) {
                dropped.add(e.getMessage());
            }
        }
        List<IrisTemplate> eyes = new ArrayList<>();
        for (Map.Entry<EyePosition, ImageSource> eye : record.irises().entrySet()) {
            try {
                eyes.add(irisExtractor.extract(eye.getKey(), eye.getValue()));
            } catch (UnusableSampleException e) {
                dropped.add(e.getMessage());
            }
        }
        if (fingers.isEmpty() && eyes.isEmpty()) {
            String what = record.irises().isEmpty() ? "finger" : record.fingers().isEmpty() ? "iris" : "finger or iris";
            throw new InvalidInputException(subject, "no usable " + what + ": " + String.join("; ", dropped));
        }
        return new PreparedRecord.Ready(record, nik, SearchProbe.of(fingers, eyes), dropped);
    }

    private DedupDecision decide(PreparedRecord prepared) {
        return switch (prepared) {
            case PreparedRecord.Refused refused -> refused.decision();
            case PreparedRecord.Ready ready -> decide(ready);
        };
    }

    /** The serial step: search, apply the one-NIK rule, enroll a new person. */
    private DedupDecision decide(PreparedRecord.Ready ready) {
        enrollment.lock();
        long start = System.nanoTime();
        long searching = 0;
        try {
            ensureOpen();
            Candidate holder = store.get(ready.nik()).map(person -> rescoring.score(ready.probe(), person)).orElse(null);
            long searchStart = System.nanoTime();
            List<Candidate> candidates = search(ready.probe(), options.threshold());
            searching = System.nanoTime() - searchStart;
            DedupDecision decision = DedupDecision.decide(ready.nik(), holder, candidates, options.threshold(),
                    ready.dropped());
            if (decision instanceof DedupDecision.Enrolled) {
                add(ready);
            }
            return decision;
        } finally {
            decisionNanos.add(System.nanoTime() - start - searching);
            enrollment.unlock();
        }
    }

    /**
     * 1:N over every modality the record carries: every person at or above the threshold plus the best
     * {@code candidateLimit}, each scored on all shared modalities.
     */
    private List<Candidate> search(SearchProbe probe, double threshold) {
        long start = System.nanoTime();
        try {
            return search.search(probe, options.candidateLimit(), threshold);
        } finally {
            searches.increment();
            searchNanos.add(System.nanoTime() - start);
        }
    }

    /**
     * Persists first, then the person becomes searchable through the store: iris codes and the finger index
     * entry are appended before the person record that names their slots, so a crash in between leaves only
     * entries that no stored person confirms (rescoring drops them), never a stored person missing from an index.
     */
    private void add(PreparedRecord.Ready ready) {
        EnrollmentRecord r = ready.record();
        SearchProbe probe = ready.probe();
        Map<EyePosition, Integer> irisSlots = irises.append(ready.nik(), probe.irises());
        long fingerOrdinal = -1;
        if (!probe.fingers().isEmpty()) {
            Map<FingerPosition, FingerMinutiae> minutiae = new EnumMap<>(FingerPosition.class);
            probe.fingers().forEach(f -> minutiae.put(f.position(), f.minutiae()));
            fingerOrdinal = fingerIndex.append(ready.nik(), minutiae);
        }
        List<FingerTemplate> templates = probe.fingers().stream().map(PreparedFinger::stored).toList();
        PersonRecord person = new PersonRecord(ready.nik(), r.name(), r.birthDate(), r.sex(), r.region(),
                clock.instant(), templates, irisSlots, fingerOrdinal);
        if (!store.insert(person)) {
            throw new IllegalStateException("NIK " + ready.nik() + " appeared in the store outside the engine");
        }
        exhaustive.add(person, PersonFingerprints.ofPrepared(probe.fingers()));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("engine for store " + options.store() + " is closed");
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public String toString() {
        return "DedupEngine[" + options.store() + ", " + fingerIndex.size() + " persons in the finger index]";
    }
}
