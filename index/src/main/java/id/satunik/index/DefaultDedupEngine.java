package id.satunik.index;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.DemographicHit;
import id.satunik.DemographicQuery;
import id.satunik.Durability;
import id.satunik.PersonCorrection;
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
    private final StoreIdentity storeLock;
    private final PersonStore store;
    private final FingerIndex fingerIndex;
    private final FingerprintExtractor extractor = new FingerprintExtractor();
    private final IrisExtractor irisExtractor;
    private final IrisGallery irises;
    private final DemographicIndex demographics;
    private final StoreCommits commits;
    private final AuditLog audit;
    private final TemplateCipher cipher;
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

    /** Look-alikes listed with a DUPLICATE or NIK_CONFLICT: enough to adjudicate, short enough to read. */
    static final int LOOK_ALIKES = 5;

    /** Decisions of a batch handed out together, after one sync of the journal (durability BATCH). */
    static final int SYNC_GROUP = 64;

    private DefaultDedupEngine(EngineOptions options, StoreIdentity storeLock, PersonStore store, FingerIndex fingerIndex,
                               IrisGallery irises, DemographicIndex demographics, StoreCommits commits, AuditLog audit,
                               TemplateCipher cipher) {
        this.options = options;
        this.irisExtractor = new IrisExtractor(options.minIrisQuality());
        this.storeLock = storeLock;
        this.store = store;
        this.fingerIndex = fingerIndex;
        this.irises = irises;
        this.demographics = demographics;
        this.commits = commits;
        this.audit = audit;
        this.cipher = cipher;
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
        StoreIdentity lock = StoreIdentity.open(dir);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Compaction.finishOrDiscard(dir);
            boolean fresh = !ChronicleMapPersonStore.exists(dir) && !Files.exists(dir.resolve(Journal.FILE));
            TemplateCipher cipher = TemplateCipher.forStore(dir, options.key(), fresh);
            PersonStore store = ChronicleMapPersonStore.open(dir, options.capacity(), cipher, lock.id(),
                    lock.created(), false); // StoreCommits restores or recounts the counts
            opened.add(store);
            FingerIndex fingerIndex = FingerIndex.open(dir, lock.id(), lock.created());
            opened.add(fingerIndex);
            IrisGallery irises = new IrisGallery(dir, options.threads(), IrisVectorScan.INSTANCE, lock.id());
            opened.add(irises);
            // an encrypted store's demographics must not reach the disk in the clear: its index stays in memory
            DemographicIndex demographics = DemographicIndex.open(dir, lock.id(), cipher.encrypts());
            opened.add(demographics);
            StoreCommits commits = StoreCommits.open(dir, store, fingerIndex, irises, demographics, cipher,
                    options.durability());
            opened.add(commits);
            AuditLog audit = AuditLog.open(dir, options.durability());
            opened.add(audit);
            lock.markReady();
            return new DefaultDedupEngine(options, lock, store, fingerIndex, irises, demographics, commits, audit,
                    cipher);
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

    /** For {@link StoreMaintenance#verify}: the full pass over the persons. */
    PersonStore personStore() {
        return store;
    }

    /** For {@link StoreMaintenance#verify} and tests: the demographic index. */
    DemographicIndex demographicIndex() {
        return demographics;
    }

    /** Whether this open rebuilt the demographic index from the person store (tests, repair). */
    boolean demographicsRebuilt() {
        return commits.demographicsRebuilt();
    }

    /** For {@link StoreMaintenance#verify}: every person's finger index entry. */
    FingerIndex fingerIndex() {
        return fingerIndex;
    }

    /** For {@link StoreMaintenance#verify}: the full pass over the iris files. */
    IrisGallery irisGallery() {
        return irises;
    }

    @Override
    public DedupDecision dedup(EnrollmentRecord record) {
        ensureOpen();
        DedupDecision decision = decide(prepare(record));
        durable();
        return decision;
    }

    @Override
    public void dedupAll(List<EnrollmentRecord> records, Consumer<DedupDecision> sink) {
        ensureOpen();
        // Extraction of upcoming records overlaps the serial decisions; the window bounds memory.
        int window = Math.max(2, options.threads() * 2);
        try (ExecutorService workers = Executors.newFixedThreadPool(options.threads(),
                Thread.ofPlatform().name("satunik-extract-", 0).daemon(true).factory())) {
            Deque<Future<PreparedRecord>> pending = new ArrayDeque<>();
            // A decision is handed out only once durable: at BATCH, a group shares one sync.
            int group = options.durability() == Durability.BATCH ? SYNC_GROUP : 1;
            List<DedupDecision> decided = new ArrayList<>(group);
            int next = 0;
            for (int i = 0; i < records.size(); i++) {
                while (next < records.size() && pending.size() < window) {
                    EnrollmentRecord upcoming = records.get(next++);
                    pending.add(workers.submit(() -> prepare(upcoming)));
                }
                decided.add(decide(await(pending.poll())));
                if (decided.size() >= group) {
                    durable();
                    decided.forEach(sink);
                    decided.clear();
                }
            }
            durable();
            decided.forEach(sink);
        }
    }

    @Override
    public DedupDecision enroll(EnrollmentRecord record) {
        ensureOpen();
        DedupDecision decision = switch (prepare(record)) {
            case PreparedRecord.Refused refused -> {
                audit(ENROLL_ACTION, refused.decision(), 0);
                yield refused.decision();
            }
            case PreparedRecord.Ready ready -> {
                enrollment.lock();
                try {
                    ensureOpen();
                    if (store.contains(ready.nik())) {
                        DedupDecision rejected = new DedupDecision.Rejected(record.nik(), "NIK " + ready.nik()
                                + " is already enrolled; nothing changed (use dedup to check a re-submission)");
                        audit(ENROLL_ACTION, rejected, 0);
                        yield rejected;
                    }
                    long seq = add(ready);
                    DedupDecision enrolled = new DedupDecision.Enrolled(ready.nik().value(), ready.dropped(),
                            Double.NaN, false, ready.probe().fingerQuality(), ready.probe().irisQuality());
                    audit(ENROLL_ACTION, enrolled, seq);
                    yield enrolled;
                } finally {
                    enrollment.unlock();
                }
            }
        };
        durable();
        return decision;
    }
    @Override
    public boolean delete(String nik, String reason) {
        ensureOpen();
        Nik parsed = parseNik(nik);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("delete " + nik, "a reason is required (it goes to the audit log)");
        }
        enrollment.lock();
        try {
            ensureOpen();
            if (!store.contains(parsed)) {
                audit.record(clock.instant(), options.operator(), "delete", parsed.value(), "NOT_ENROLLED", 0,
                        reason);
                durable();
                return false;
            }
            commits.delete(parsed, reason, clock.instant());
            exhaustive.remove(parsed);
            audit.record(clock.instant(), options.operator(), "delete", parsed.value(), "DELETED",
                    commits.lastSeq(), reason);
            durable();
            return true;
        } finally {
            enrollment.unlock();
        }
    }

    @Override
    public void update(String nik, PersonCorrection correction) {
        ensureOpen();
        Nik from = parseNik(nik);
        enrollment.lock();
        try {
            ensureOpen();
            PersonRecord old = store.get(from).orElseThrow(() -> new InvalidInputException("update " + nik,
                    "no person is enrolled under NIK " + nik + "; nothing changed"));
            Nik to = correction.nik() == null ? from : parseNik(correction.nik());
            String name = correction.name() != null ? correction.name() : old.name();
            java.time.LocalDate birthDate = correction.birthDate() != null ? correction.birthDate() : old.birthDate();
            id.satunik.Sex sex = correction.sex() != null ? correction.sex() : old.sex();
            String region = correction.region() != null ? correction.region() : old.region();
            String subject = "update " + nik;
            if (sex != null && sex != to.sex()) {
                throw new InvalidInputException(subject, "NIK " + to + " encodes sex " + to.sex() + " but the person is "
                        + sex + "; nothing changed");
            }
            if (birthDate != null && !to.encodesBirthDate(birthDate)) {
                throw new InvalidInputException(subject, "NIK " + to + " does not encode the birth date " + birthDate
                        + "; nothing changed");
            }
            if (!to.equals(from) && store.contains(to)) {
                throw new InvalidInputException(subject, "NIK " + to + " is already held by another person; "
                        + "nothing changed");
            }
            PersonRecord updated = commits.update(new JournalEntry.Update(0, clock.instant(), from, to, name,
                    birthDate, sex, region), clock.instant());
            if (!to.equals(from)) {
                exhaustive.remove(from);
                exhaustive.add(updated, new PersonFingerprints(updated.fingers()));
            }
            audit.record(clock.instant(), options.operator(), "update", from.value(), "UPDATED", commits.lastSeq(),
                    to.equals(from) ? "demographics corrected" : "NIK corrected to " + to);
            durable();
        } finally {
            enrollment.unlock();
        }
    }

    @Override
    public long backup(Path to) {
        ensureOpen();
        long[] position = new long[3];
        enrollment.lock();
        try {
            ensureOpen();
            // The prefix of the journal up to here is a consistent store; appends after it do not touch it.
            commits.sync();
            audit.force();
            position[0] = commits.lastSeq();
            position[1] = commits.journalSize();
            position[2] = audit.size();
        } finally {
            enrollment.unlock();
        }
        Backup.write(options.store(), to, position[0], position[1], position[2]);
        audit.record(clock.instant(), options.operator(), "backup", null, "BACKED_UP", position[0],
                "to " + to.toAbsolutePath() + " at journal entry " + position[0]);
        durable();
        return position[0];
    }

    @Override
    public List<String> verifyStore() {
        ensureOpen();
        enrollment.lock();
        try {
            commits.sync();
            audit.force();
            return StoreVerification.check(options.store(), store, cipher);
        } finally {
            enrollment.unlock();
        }
    }

    /** Records a restore in the audit log of the restored store. */
    void auditRestore(Path from, long seq) {
        audit.record(clock.instant(), options.operator(), "restore", null, "RESTORED", seq,
                "from backup " + from.toAbsolutePath() + ", journal entries 1-" + seq);
        audit.force();
    }

    /** Every live person with its iris codes (compaction). Caller holds no lock; the engine must be idle. */
    List<JournalEntry.Enroll> livePersons() {
        List<JournalEntry.Enroll> persons = new ArrayList<>();
        enrollment.lock();
        try {
            store.forEach(p -> {
                List<IrisTemplate> eyes = new ArrayList<>();
                p.irisSlots().forEach((eye, slot) -> eyes.add(irises.templateAt(eye, slot)));
                persons.add(new JournalEntry.Enroll(0, p.enrolledAt(), p, eyes));
            });
        } finally {
            enrollment.unlock();
        }
        persons.sort(java.util.Comparator.comparing((JournalEntry.Enroll e) -> e.person().enrolledAt())
                .thenComparing(e -> e.person().nik()));
        return persons;
    }

    /** Journal bytes forced to disk so far: the prefix a power cut cannot take (tests). */
    long durableJournalBytes() {
        return commits.journalForced();
    }

    TemplateCipher cipher() {
        return cipher;
    }

    private static final String DEDUP_ACTION = "dedup";
    private static final String ENROLL_ACTION = "enroll";
    private static final String READ_ACTION = "read";

    private static Nik parseNik(String nik) {
        try {
            return Nik.parse(nik);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("NIK " + nik, "invalid NIK: " + e.reason());
        }
    }

    private void audit(String action, DedupDecision decision, long seq) {
        audit.record(clock.instant(), options.operator(), action, decision.nik(), decision.kind().name(), seq,
                decision.reason());
    }

    /** Makes the journal and audit log durable at the chosen level: before any decision is reported. */
    private void durable() {
        commits.sync();
        audit.sync();
    }


    @Override
    public List<Candidate> identify(EnrollmentRecord probe) {
        ensureOpen();
        probe.validateSamples();
        return identify(extract(probe, null, "probe").probe());
    }

    /** The probe {@link #identify(EnrollmentRecord)} searches with, extracted (to time the search alone). */
    SearchProbe probeOf(EnrollmentRecord probe) {
        ensureOpen();
        probe.validateSamples();
        return extract(probe, null, "probe").probe();
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
        // the threshold a search of the gallery as it is now is decided with (DecisionThreshold)
        return options.decisionThreshold().at(store.size());
    }

    @Override
    public GalleryStats stats() {
        ensureOpen();
        Map<String, Long> files = new LinkedHashMap<>(store.files());
        files.putAll(fingerIndex.files());
        files.putAll(irises.files());
        long indexBytes = demographics.bytes();
        if (indexBytes > 0) {
            files.put(DemographicIndex.FOLDER + "/", indexBytes);
        }
        files.put(Journal.FILE, commits.journalSize());
        files.put(AuditLog.FILE, audit.size());
        Map<EyePosition, Long> eyes = new java.util.EnumMap<>(EyePosition.class);
        for (EyePosition eye : EyePosition.values()) {
            eyes.put(eye, (long) irises.size(eye));
        }
        return new GalleryStats(store.size(), fingerIndex.fingers(), eyes, files, store.deleted());
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
            try {
                commits.close();
                audit.close();
            } finally {
                try {
                    demographics.close();
                } finally {
                    irises.close();
                    fingerIndex.close();
                    store.close();
                }
            }
        } finally {
            storeLock.close();
            enrollment.unlock();
        }
    }

    /** Validation and extraction: {@link PreparedRecord.Ready}, or the refusal that says why not. */
    private PreparedRecord prepare(EnrollmentRecord record) {
        try {
            Nik nik = record.validate();
            return extract(record, nik, "record " + nik);
        } catch (InvalidInputException e) {
            return new PreparedRecord.Refused(new DedupDecision.Rejected(record.nik(), e.getMessage()));
        } catch (RuntimeException e) {
            // One image that breaks the extractor must not stop a batch of thousands: reject that record.
            return new PreparedRecord.Refused(new DedupDecision.Rejected(record.nik(), "record " + record.nik()
                    + ": could not be processed (" + e + "); nothing enrolled"));
        }
    }

    /** Extracts every sample, each template once; {@code nik} is null for a search probe. */
    private PreparedRecord.Ready extract(EnrollmentRecord record, Nik nik, String subject) {
        long start = System.nanoTime();
        try {
            return extractTimed(record, nik, subject);
        } finally {
            extractionNanos.add(System.nanoTime() - start);
        }
    }

    private PreparedRecord.Ready extractTimed(EnrollmentRecord record, Nik nik, String subject) {
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
            case PreparedRecord.Refused refused -> {
                audit(DEDUP_ACTION, refused.decision(), 0);
                yield refused.decision();
            }
            case PreparedRecord.Ready ready -> {
                try {
                    yield decide(ready);
                } catch (RuntimeException e) {
                    if (closed) {
                        throw e;
                    }
                    // one record the store cannot take (or a damaged record met while searching) must not end a
                    // batch: the journal entry is written before any store file, so nothing is half-enrolled
                    DedupDecision rejected = new DedupDecision.Rejected(ready.record().nik(), "record "
                            + ready.record().nik() + ": could not be decided or stored (" + e.getMessage()
                            + "); nothing enrolled");
                    audit(DEDUP_ACTION, rejected, 0);
                    yield rejected;
                }
            }
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
            double threshold = threshold();
            List<Candidate> candidates = search(ready.probe(), threshold);
            searching = System.nanoTime() - searchStart;
            DedupDecision decision = DedupDecision.decide(ready.nik(), holder, candidates, threshold,
                    ready.dropped()).withFingerQuality(ready.probe().fingerQuality())
                    .withIrisQuality(ready.probe().irisQuality());
            decision = withLookAlikes(decision, ready.record());
            long seq = decision instanceof DedupDecision.Enrolled ? add(ready) : 0;
            audit(DEDUP_ACTION, decision, seq);
            return decision;
        } finally {
            decisionNanos.add(System.nanoTime() - start - searching);
            enrollment.unlock();
        }
    }

    /** A DUPLICATE or NIK_CONFLICT with the persons its demographics resemble, for the operator. */
    private DedupDecision withLookAlikes(DedupDecision decision, EnrollmentRecord record) {
        if (!(decision instanceof DedupDecision.Duplicate || decision instanceof DedupDecision.NikConflict)
                || (record.name() == null || record.name().isBlank()) && record.birthDate() == null) {
            return decision;
        }
        return decision.withLookAlikes(demographics.search(DemographicQuery.like(record, LOOK_ALIKES)));
    }

    @Override
    public List<DemographicHit> searchDemographics(DemographicQuery query) {
        ensureOpen();
        return demographics.search(query);
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
     * The one place an enrollment is committed ({@link StoreCommits}): journalled first, then the iris codes and
     * the finger index entry, then the person record that names their slots (a crash in between leaves only
     * entries no stored person confirms, and the next open completes the enrollment from the journal), then the
     * exhaustive gallery.
     *
     * @return the journal entry number of the enrollment
     */
    private long add(PreparedRecord.Ready ready) {
        EnrollmentRecord r = ready.record();
        SearchProbe probe = ready.probe();
        Map<FingerPosition, FingerMinutiae> minutiae = new EnumMap<>(FingerPosition.class);
        probe.fingers().forEach(f -> minutiae.put(f.position(), f.minutiae()));
        List<FingerTemplate> templates = probe.fingers().stream().map(PreparedFinger::stored).toList();
        PersonRecord person = new PersonRecord(ready.nik(), r.name(), r.birthDate(), r.sex(), r.region(),
                clock.instant(), templates);
        PersonRecord stored = commits.enroll(person, probe.irises(), minutiae, person.enrolledAt());
        exhaustive.add(stored, PersonFingerprints.ofPrepared(probe.fingers()));
        return commits.lastSeq();
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

    // Shard hooks: a cluster member runs one engine per shard of its gallery, through GalleryShard.

    /** One shard's 1:N search with a probe prepared elsewhere (the cluster reduces the shards' lists). */
    List<Candidate> searchShard(SearchProbe probe, int limit, double threshold) {
        ensureOpen();
        long start = System.nanoTime();
        try {
            return search.search(probe, limit, threshold);
        } finally {
            searches.increment();
            searchNanos.add(System.nanoTime() - start);
        }
    }

    /** The person enrolled under {@code nik} in this shard scored against the probe, when there is one. */
    java.util.Optional<Candidate> scoreHolder(Nik nik, SearchProbe probe) {
        ensureOpen();
        return store.get(nik).map(person -> rescoring.score(probe, person));
    }

    @Override
    public java.util.Optional<id.satunik.EnrolledPerson> enrolled(String nik) {
        return enrolled(nik, options.operator());
    }

    /** As {@link #enrolled(String)}, audited under {@code operator} (a cluster member reading for a client). */
    java.util.Optional<id.satunik.EnrolledPerson> enrolled(String nik, String operator) {
        ensureOpen();
        Nik parsed = parseNik(nik);
        java.util.Optional<PersonRecord> found = store.get(parsed);
        // who looked at whose templates: an adjudication read is audited like a decision
        audit.record(clock.instant(), operator, READ_ACTION, parsed.value(),
                found.isPresent() ? "FOUND" : "NOT_ENROLLED", 0, "templates read for adjudication");
        audit.sync();
        return found.map(this::enrolledPerson);
    }

    private id.satunik.EnrolledPerson enrolledPerson(PersonRecord person) {
        Map<FingerPosition, id.satunik.EnrolledPerson.StoredFinger> fingers = new EnumMap<>(FingerPosition.class);
        for (FingerTemplate finger : person.fingers()) {
            fingers.put(finger.position(), new id.satunik.EnrolledPerson.StoredFinger(finger.minutiae(), finger.bytes()));
        }
        Map<EyePosition, id.satunik.EnrolledPerson.StoredIris> eyes = new EnumMap<>(EyePosition.class);
        person.irisSlots().forEach((eye, slot) -> {
            IrisTemplate code = irises.templateAt(eye, slot);
            eyes.put(eye, new id.satunik.EnrolledPerson.StoredIris(code.code(), code.mask()));
        });
        return new id.satunik.EnrolledPerson(person.nik(), person.name(), person.birthDate(), person.sex(),
                person.region(), person.enrolledAt(), fingers, eyes);
    }

    boolean holds(Nik nik) {
        ensureOpen();
        return store.contains(nik);
    }

    /** Adds a person decided elsewhere (the cluster's claim); false when the NIK is already in this shard. */
    boolean addIfAbsent(PreparedRecord.Ready ready) {
        enrollment.lock();
        try {
            ensureOpen();
            if (store.contains(ready.nik())) {
                return false;
            }
            add(ready);
            durable();
            return true;
        } finally {
            enrollment.unlock();
        }
    }

    @Override
    public String toString() {
        return "DedupEngine[" + options.store() + ", " + fingerIndex.size() + " persons in the finger index]";
    }
}
