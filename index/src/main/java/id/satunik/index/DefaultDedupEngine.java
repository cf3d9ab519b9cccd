package id.satunik.index;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EyePosition;
import id.satunik.EnrollmentRecord;
import id.satunik.FingerPosition;
import id.satunik.GalleryStats;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.Nik;
import id.satunik.UnusableSampleException;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.IrisExtractor;
import id.satunik.matcher.IrisTemplate;
import id.satunik.matcher.PersonFingerprints;
import id.satunik.matcher.PersonProbe;
import id.satunik.matcher.MatchRule;
import id.satunik.matcher.ScoreFusion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The default engine: Chronicle Map person store on disk, in-memory fingerprint gallery for the 1:N search,
 * SourceAFIS for extraction and matching; irises extracted with OpenCV, their codes in memory-mapped code files
 * ({@link IrisGallery}) scanned 1:N. A record may carry fingers, irises or both; every candidate of either
 * modality is re-scored on all the modalities both persons carry, fused by {@link MatchRule} ({@link ScoreFusion}). See
 * {@link DedupEngine} for the contract.
 *
 * <p>Thread-safety: safe to share. Extraction runs in the caller's thread (or the batch workers); the
 * decide-and-enroll step holds {@link #enrollment}; searches run on {@link #searchPool}.
 */
final class DefaultDedupEngine implements DedupEngine {
    private final EngineOptions options;
    private final StoreLock storeLock;
    private final PersonStore store;
    private final FingerprintGallery gallery = new FingerprintGallery();
    private final FingerprintExtractor extractor = new FingerprintExtractor();
    private final IrisExtractor irisExtractor = new IrisExtractor();
    private final IrisGallery irises;
    private final ExecutorService searchPool;
    private final ReentrantLock enrollment = new ReentrantLock();
    private final Clock clock = Clock.systemUTC();
    private volatile boolean closed;

    private DefaultDedupEngine(EngineOptions options, StoreLock storeLock, PersonStore store, IrisGallery irises) {
        this.options = options;
        this.storeLock = storeLock;
        this.store = store;
        this.irises = irises;
        this.searchPool = Executors.newFixedThreadPool(options.threads(), Thread.ofPlatform()
                .name("satunik-search-", 0).daemon(true).factory());
    }

    static DefaultDedupEngine open(EngineOptions options) {
        Path dir = options.store();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create store folder " + dir + ": " + e.getMessage(), e);
        }
        StoreLock lock = StoreLock.acquire(dir);
        PersonStore store;
        IrisGallery irises;
        try {
            store = ChronicleMapPersonStore.open(dir, options.capacity());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            irises = new IrisGallery(dir, options.threads());
        } catch (RuntimeException e) {
            store.close();
            lock.close();
            throw e;
        }
        DefaultDedupEngine engine = new DefaultDedupEngine(options, lock, store, irises);
        try {
            engine.loadGallery();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    /** Deserializes every stored person's templates once, in parallel, into the search gallery. */
    private void loadGallery() {
        List<PersonRecord> persons = new ArrayList<>();
        store.forEach(persons::add);
        List<Future<PersonFingerprints>> loaded = new ArrayList<>(persons.size());
        for (PersonRecord person : persons) {
            loaded.add(searchPool.submit(() -> new PersonFingerprints(person.fingers())));
        }
        for (int i = 0; i < persons.size(); i++) {
            gallery.add(persons.get(i).nik(), await(loaded.get(i)));
            irises.register(persons.get(i).nik(), persons.get(i).irisSlots());
        }
    }

    @Override
    public DedupDecision dedup(EnrollmentRecord record) {
        ensureOpen();
        return decideOrReject(record, prepareOrReject(record));
    }

    @Override
    public void dedupAll(List<EnrollmentRecord> records, Consumer<DedupDecision> sink) {
        ensureOpen();
        // Extraction of upcoming records overlaps the serial decisions; the window bounds memory.
        int window = Math.max(2, options.threads() * 2);
        try (ExecutorService workers = Executors.newFixedThreadPool(options.threads(),
                Thread.ofPlatform().name("satunik-extract-", 0).daemon(true).factory())) {
            Deque<Future<Object>> pending = new ArrayDeque<>();
            int next = 0;
            for (EnrollmentRecord record : records) {
                while (next < records.size() && pending.size() < window) {
                    EnrollmentRecord upcoming = records.get(next++);
                    pending.add(workers.submit(() -> prepareOrReject(upcoming)));
                }
                sink.accept(decideOrReject(record, await(pending.poll())));
            }
        }
    }

    @Override
    public DedupDecision enroll(EnrollmentRecord record) {
        ensureOpen();
        Object prepared = prepareOrReject(record);
        if (prepared instanceof DedupDecision.Rejected rejected) {
            return rejected;
        }
        PreparedRecord ready = (PreparedRecord) prepared;
        enrollment.lock();
        try {
            if (store.contains(ready.nik())) {
                return new DedupDecision.Rejected(record.nik(), "NIK " + ready.nik()
                        + " is already enrolled; nothing changed (use dedup to check a re-submission)");
            }
            add(ready);
            return new DedupDecision.Enrolled(ready.nik().value(), ready.dropped());
        } finally {
            enrollment.unlock();
        }
    }

    @Override
    public List<Candidate> identify(EnrollmentRecord probe) {
        ensureOpen();
        probe.validateSamples();
        PreparedRecord ready = extract(probe, null, "probe");
        List<Candidate> ranked = search(ready, Double.POSITIVE_INFINITY);
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
        return gallery.comparisons() + irises.comparisons();
    }

    @Override
    public double threshold() {
        return options.threshold();
    }

    @Override
    public GalleryStats stats() {
        ensureOpen();
        Map<String, Long> files = new LinkedHashMap<>(store.files());
        files.putAll(irises.files());
        return new GalleryStats(store.size(), gallery.templates(), files);
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
            store.close();
        } finally {
            storeLock.close();
            enrollment.unlock();
        }
    }

    /** Validation and extraction; a {@link PreparedRecord} or the {@link DedupDecision.Rejected} explaining why not. */
    private Object prepareOrReject(EnrollmentRecord record) {
        try {
            return prepare(record);
        } catch (InvalidInputException e) {
            return new DedupDecision.Rejected(record.nik(), e.getMessage());
        } catch (RuntimeException e) {
            // One image that breaks the extractor must not stop a batch of thousands: reject that record.
            return new DedupDecision.Rejected(record.nik(), "record " + record.nik()
                    + ": could not be processed (" + e + "); nothing enrolled");
        }
    }

    private PreparedRecord prepare(EnrollmentRecord record) {
        Nik nik = record.validate();
        return extract(record, nik, "record " + nik);
    }

    /** Extracts every sample; {@code nik} is null for a search probe. */
    private PreparedRecord extract(EnrollmentRecord record, Nik nik, String subject) {
        List<FingerTemplate> fingers = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<FingerPosition, ImageSource> finger : record.fingers().entrySet()) {
            try {
                fingers.add(extractor.extract(finger.getKey(), finger.getValue(), record.dpi()));
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
        return new PreparedRecord(record, nik, List.copyOf(fingers), new PersonProbe(fingers), List.copyOf(eyes),
                new IrisProbe(eyes), List.copyOf(dropped));
    }

    private DedupDecision decideOrReject(EnrollmentRecord record, Object prepared) {
        return switch (prepared) {
            case DedupDecision.Rejected rejected -> rejected;
            case PreparedRecord ready -> decide(ready);
            default -> throw new IllegalStateException("unexpected " + prepared);
        };
    }

    /** The serial step: search, apply the one-NIK rule, enroll a new person. */
    private DedupDecision decide(PreparedRecord ready) {
        enrollment.lock();
        try {
            ensureOpen();
            PersonFingerprints holderPrints = gallery.get(ready.nik());
            Candidate holder = holderPrints == null ? null : rescore(ready, ready.nik(), holderPrints, null);
            List<Candidate> candidates = search(ready, options.threshold());
            DedupDecision decision = DedupDecision.decide(ready.nik(), holder, candidates, options.threshold(),
                    ready.dropped());
            if (decision instanceof DedupDecision.Enrolled) {
                add(ready);
            }
            return decision;
        } finally {
            enrollment.unlock();
        }
    }

    /**
     * 1:N over every modality the record carries: the fingerprint search (every person at or above the threshold
     * plus the best {@code candidateLimit}) and the iris scan (every person with an eye at or above
     * {@link IrisGallery#CANDIDATE_SCORE}); each person found by either is re-scored on all the modalities both
     * carry and fused, so a weak finger match backed by the eyes (or the reverse) is seen whole. A record without
     * irises gets exactly the fingerprint search's list.
     */
    private List<Candidate> search(PreparedRecord ready, double threshold) {
        Map<Nik, Candidate> byFingers = new LinkedHashMap<>();
        if (!ready.fingers().isEmpty()) {
            for (Candidate c : gallery.search(ready.probe(), options.candidateLimit(), threshold, searchPool)) {
                byFingers.put(c.nik(), c);
            }
        }
        if (ready.irises().isEmpty()) {
            return List.copyOf(byFingers.values());
        }
        Set<Nik> persons = new LinkedHashSet<>(byFingers.keySet());
        persons.addAll(irises.candidates(ready.irisProbe()));
        List<Candidate> ranked = new ArrayList<>(persons.size());
        for (Nik nik : persons) {
            PersonFingerprints prints = gallery.get(nik);
            if (prints != null) {
                ranked.add(rescore(ready, nik, prints, byFingers.get(nik)));
            }
        }
        ranked.sort(Candidate.RANKING);
        return ranked;
    }

    /**
     * One enrolled person against the record on every shared modality, fused. {@code fingers} is the person's
     * fingerprint result when the search already computed it, else null.
     */
    private Candidate rescore(PreparedRecord ready, Nik nik, PersonFingerprints prints, Candidate fingers) {
        Candidate byFingers = fingers != null ? fingers : gallery.compare(ready.probe(), nik, prints);
        double[] eyes = ready.irises().isEmpty() ? null : irises.scores(ready.irisProbe(), nik);
        if (eyes == null || Arrays.stream(eyes).allMatch(Double::isNaN)) {
            return byFingers;
        }
        double[] fingerScores = new double[FingerPosition.values().length];
        Arrays.fill(fingerScores, Double.NaN);
        byFingers.fingerScores().forEach((position, score) -> fingerScores[position.ordinal()] = score);
        Map<EyePosition, Double> eyeScores = new EnumMap<>(EyePosition.class);
        for (EyePosition eye : EyePosition.values()) {
            if (!Double.isNaN(eyes[eye.ordinal()])) {
                eyeScores.put(eye, eyes[eye.ordinal()]);
            }
        }
        return new Candidate(nik, MatchRule.person(fingerScores, eyes), byFingers.fingerScores(), eyeScores);
    }

    /**
     * Persists first, then makes the person searchable: a crash in between loses nothing. Iris codes go to their
     * files before the person record that names their slots; codes of an enrollment that fails in between are
     * never registered, so no scan reports them.
     */
    private void add(PreparedRecord ready) {
        EnrollmentRecord r = ready.record();
        Map<EyePosition, Integer> irisSlots = irises.append(ready.nik(), ready.irises());
        PersonRecord person = new PersonRecord(ready.nik(), r.name(), r.birthDate(), r.sex(), r.region(),
                clock.instant(), ready.fingers(), irisSlots);
        if (!store.insert(person)) {
            throw new IllegalStateException("NIK " + ready.nik() + " appeared in the store outside the engine");
        }
        gallery.add(ready.nik(), new PersonFingerprints(ready.fingers()));
        irises.register(ready.nik(), irisSlots);
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
        return "DedupEngine[" + options.store() + ", " + gallery.size() + " persons]";
    }

}
