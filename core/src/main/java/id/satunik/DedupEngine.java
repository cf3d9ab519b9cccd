package id.satunik;

import id.satunik.spi.DedupEngineProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * SatuNIK's one entry point: enforces one NIK per person over a persistent gallery.
 *
 * <pre>{@code
 * try (DedupEngine engine = DedupEngine.open(EngineOptions.at(Path.of("gallery")))) {
 *     EnrollmentRecord record = EnrollmentRecord.builder("3507014101900001")
 *             .name("Siti Aminah").sex(Sex.FEMALE).birthDate(LocalDate.of(1990, 1, 1))
 *             .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(Path.of("101_1.tif")))
 *             .build();
 *     DedupDecision decision = engine.dedup(record);   // ENROLLED, DUPLICATE, NIK_CONFLICT, …
 * }
 * }</pre>
 *
 * <p><b>Thread-safety:</b> implementations are safe to share between threads. Image decoding and template
 * extraction of concurrent calls run in parallel; the decide-and-enroll step of {@link #dedup} and
 * {@link #enroll} is serialised, so two concurrent submissions of one person can never both be enrolled.
 * Searches see a consistent gallery: every person enrolled before the search began, possibly some later ones.
 * One process at a time may open a store.
 */
public interface DedupEngine extends AutoCloseable {

    /**
     * Opens (or creates) the gallery in {@code options.store()} with the single-node backend
     * ({@value DedupEngineProvider#LOCAL}, module {@code satunik-index}).
     *
     * @throws IllegalStateException when no implementation is on the class path or the store cannot be opened
     */
    static DedupEngine open(EngineOptions options) {
        return open(DedupEngineProvider.LOCAL, options);
    }

    /**
     * Opens the gallery with the backend of that name: {@value DedupEngineProvider#LOCAL} (one process, module
     * {@code satunik-index}) or {@code hazelcast} (a cluster member embedded in this process, module
     * {@code satunik-cluster}). The name picks the backend, never the order of the class path.
     *
     * @throws IllegalStateException when no backend of that name is on the class path or it cannot open
     */
    static DedupEngine open(String backend, EngineOptions options) {
        return provider(backend).open(options);
    }

    private static DedupEngineProvider provider(String backend) {
        List<String> found = new ArrayList<>();
        for (DedupEngineProvider provider : ServiceLoader.load(DedupEngineProvider.class)) {
            if (provider.name().equals(backend)) {
                return provider;
            }
            found.add(provider.name());
        }
        throw new IllegalStateException("no SatuNIK backend named '" + backend + "' on the class path (found: "
                + (found.isEmpty() ? "none; add the id.satunik:satunik-index dependency" : String.join(", ", found))
                + ")");
    }

    /**
     * Restores a backup ({@link #backup}) into the new store folder {@code options.store()}: checks the backup's
     * checksums, appends the entries of {@code journalTail} past the backup's position when not null (a later
     * journal of the same store, e.g. the damaged store's {@code journal.log}), and rebuilds the store files.
     *
     * @return the journal entry the restored store ends with
     * @throws IllegalStateException when the backup is damaged or the target folder holds a store
     */
    static long restore(java.nio.file.Path backup, java.nio.file.Path journalTail, EngineOptions options) {
        return provider(DedupEngineProvider.LOCAL).restore(backup, journalTail, options);
    }

    /**
     * Removes what deleted persons left in the store's files (tombstones, iris codes, journal entries); the store
     * must not be open elsewhere.
     *
     * @return the deleted persons whose traces were removed
     */
    static long compact(EngineOptions options) {
        return provider(DedupEngineProvider.LOCAL).compact(options);
    }

    /**
     * Checks the record against the gallery and enrolls it when it is a new person under a new NIK.
     * Bad input never throws: it comes back as {@link DedupDecision.Rejected} with the reason.
     */
    DedupDecision dedup(EnrollmentRecord record);

    /**
     * Dedups records in order, as if {@link #dedup} were called for each in turn (so each record is also
     * checked against the records before it), but extracts templates of upcoming records in parallel.
     * {@code sink} receives one decision per record, in input order, from one thread at a time.
     */
    void dedupAll(List<EnrollmentRecord> records, Consumer<DedupDecision> sink);

    /**
     * Adds the record without a biometric search (for loading an already deduplicated gallery).
     * Refuses a NIK that is already enrolled.
     *
     * @return {@link DedupDecision.Enrolled} or {@link DedupDecision.Rejected}
     */
    DedupDecision enroll(EnrollmentRecord record);

    /**
     * 1:N search: the best {@link EngineOptions#candidateLimit()} enrolled persons for the record's biometrics,
     * best first, with per-finger scores. The probe's NIK is ignored and may be absent (an unknown person).
     *
     * @throws InvalidInputException when the record or one of its images is unusable
     */
    List<Candidate> identify(EnrollmentRecord probe);

    /**
     * 1:1 comparison of two fingerprint images; the same as {@link #compare}, offered on the engine for callers
     * that hold one.
     *
     * @return the SourceAFIS similarity score (40 ≈ FMR 0.01%)
     * @throws InvalidInputException when an image is unusable
     */
    default double verify(ImageSource first, ImageSource second, int dpi) {
        return compare(first, second, dpi);
    }

    /**
     * 1:1 comparison of two fingerprint images without a gallery (no store is opened).
     *
     * @return the SourceAFIS similarity score (40 ≈ FMR 0.01%)
     * @throws InvalidInputException when an image is unusable
     */
    static double compare(ImageSource first, ImageSource second, int dpi) {
        InputLimits.checkDpi("verify", dpi);
        return provider(DedupEngineProvider.LOCAL).compare(first, second, dpi);
    }

    /**
     * Finds enrolled persons by name, birth date, sex and region in the demographic index kept with the store
     * (Apache Lucene): Indonesian spelling variants of a name (Siti/Sity, Muhammad/Mohamad/M., Soekarno/Sukarno,
     * Djoko/Joko, Tjahjo/Cahyo, Nur/Noer, doubled letters), any word order and one-word names match; the best
     * {@link DemographicQuery#limit()} come back, most alike first (ties by NIK). Sees every person enrolled,
     * deleted or corrected before the call.
     *
     * @throws InvalidInputException when the query is unusable
     * @throws UnsupportedOperationException when the backend keeps no demographic index
     */
    default List<DemographicHit> searchDemographics(DemographicQuery query) {
        throw new UnsupportedOperationException("this backend (" + getClass().getSimpleName()
                + ") keeps no demographic index; open the store with the local backend");
    }

    /**
     * Biometric comparisons (finger against finger, eye against eye, all rotations of an eye counting as one)
     * performed since the engine was opened: for throughput figures.
     */
    long comparisons();

    /** Where the time went and how much of the gallery searches touched, since the engine was opened. */
    default SearchStatistics statistics() {
        return new SearchStatistics(0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The person enrolled under {@code nik}, templates included, for adjudication: an operator who compares a
     * submitted record with the enrolled one. The read is recorded in the store's audit log (who looked at whom).
     *
     * @return empty when no live person holds the NIK
     * @throws InvalidInputException         when the NIK is malformed
     * @throws UnsupportedOperationException on a backend that cannot hand out templates
     */
    default java.util.Optional<EnrolledPerson> enrolled(String nik) {
        throw new UnsupportedOperationException("this backend cannot read enrolled persons; open the store itself");
    }

    /** The person score from which two records are one person. */
    double threshold();

    GalleryStats stats();

    /**
     * Removes the person enrolled under {@code nik} from every store file (a death, a court order, a wrongly merged
     * record): journalled, audited with {@code reason}, never found by a search again. The NIK may be enrolled anew.
     *
     * @return true when a person was deleted, false when none was enrolled under the NIK (nothing changed)
     * @throws InvalidInputException when the NIK is malformed or the reason blank
     */
    boolean delete(String nik, String reason);

    /**
     * Corrects the NIK or demographics of the person enrolled under {@code nik}; the NIK rules still hold (the
     * corrected NIK must be valid, agree with sex and birth date, and not be held by another person).
     *
     * @throws InvalidInputException naming the problem; nothing changed
     */
    void update(String nik, PersonCorrection correction);

    /**
     * Takes a consistent copy of the store into the empty or new folder {@code to} while searches and enrollments
     * go on: the journal up to its current end, the audit log and the store's cipher marker (never the key), with
     * a manifest of SHA-256 checksums.
     *
     * @return the journal entry the copy ends with (its position)
     */
    long backup(java.nio.file.Path to);

    /**
     * Checks the store: the audit log's hash chain, every journal frame's checksum, and that the persons in the
     * store are exactly those the journal leaves enrolled.
     *
     * @return the problems found, empty when the store is sound
     */
    List<String> verifyStore();

    /** Flushes and closes the store; the engine is unusable afterwards. */
    @Override
    void close();
}
