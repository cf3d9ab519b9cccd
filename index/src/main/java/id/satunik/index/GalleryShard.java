package id.satunik.index;

import id.satunik.Candidate;
import id.satunik.DemographicHit;
import id.satunik.DemographicQuery;
import id.satunik.EngineOptions;
import id.satunik.EnrolledPerson;
import id.satunik.EnrollmentRecord;
import id.satunik.GalleryStats;
import id.satunik.Nik;
import id.satunik.SearchStatistics;
import id.satunik.matcher.PreparedFinger;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One shard of a distributed gallery: a folder with exactly the single-node store's files (person store, finger
 * index, iris code files), searched by the same {@link GallerySearch} (candidate sources, rescoring) as the
 * single-node engine. A cluster member holds one shard per partition it owns, searches each and merges the lists
 * with {@link #reduce}, the same deterministic reduce that merges slices inside one search; the coordinator
 * reduces the members' lists again. The small public face of the index for the cluster module.
 *
 * <p>Thread-safe: searches run concurrently with each other and with {@link #add}; adds are serialised.
 */
public final class GalleryShard implements AutoCloseable {
    /** Look-alikes listed with a DUPLICATE or NIK_CONFLICT, as many as the single-node engine lists. */
    public static final int LOOK_ALIKES = DefaultDedupEngine.LOOK_ALIKES;

    private final DefaultDedupEngine engine;

    private GalleryShard(DefaultDedupEngine engine) {
        this.engine = engine;
    }

    /**
     * Opens (or creates) the shard in {@code folder}.
     *
     * @param capacity persons the shard's person store is sized for (it grows past it)
     * @param threads  search threads of this shard
     */
    public static GalleryShard open(Path folder, long capacity, int threads) {
        return new GalleryShard(DefaultDedupEngine.open(EngineOptions.at(folder).withThreads(threads)
                .withCapacity(capacity)));
    }

    /** A record's templates made ready for searching any number of shards: each template parsed once. */
    public static Probe probe(ShardRecord record) {
        return new Probe(SearchProbe.of(record.fingers().stream().map(PreparedFinger::of).toList(),
                record.irises()));
    }

    /** Every person of this shard at or above {@code threshold} plus the best {@code limit}, ranked. */
    public List<Candidate> search(Probe probe, int limit, double threshold) {
        return engine.searchShard(probe.prepared, limit, threshold);
    }

    /** The person enrolled under {@code nik} in this shard, scored against the probe, when there is one. */
    public Optional<Candidate> holder(Nik nik, Probe probe) {
        return engine.scoreHolder(nik, probe.prepared);
    }

    /**
     * Stores a person decided elsewhere, written the single-node way (iris codes, finger index, person record); only
     * the templates are parsed (no search structures are built for a person that is only stored).
     *
     * @return false when the shard already holds the NIK (adding is idempotent)
     */
    public boolean add(ShardRecord person) {
        Nik nik = Nik.parse(person.nik());
        EnrollmentRecord demographics = EnrollmentRecord.builder(person.nik()).name(person.name())
                .birthDate(person.birthDate()).sex(person.sex()).region(person.region()).build();
        SearchProbe stored = SearchProbe.toStore(person.fingers().stream().map(PreparedFinger::of).toList(),
                person.irises());
        return engine.addIfAbsent(new PreparedRecord.Ready(demographics, nik, stored, person.dropped()));
    }

    /**
     * This shard's persons most alike by demographics, from the shard's own demographic index (kept by
     * {@link #add} as the single-node store keeps it), best first, ties by NIK. Scores use this shard's term
     * statistics: they order hits within the shard and across shards of similar make-up.
     */
    public List<DemographicHit> searchDemographics(DemographicQuery query) {
        return engine.searchDemographics(query);
    }

    /**
     * The person enrolled under {@code nik} in this shard, templates included, for adjudication; the read is
     * recorded in this shard's audit log under {@code operator}, as the single-node engine records it.
     */
    public Optional<EnrolledPerson> enrolled(Nik nik, String operator) {
        return engine.enrolled(nik.value(), operator);
    }

    public boolean contains(Nik nik) {
        return engine.holds(nik);
    }

    public GalleryStats stats() {
        return engine.stats();
    }

    public SearchStatistics statistics() {
        return engine.statistics();
    }

    public long comparisons() {
        return engine.comparisons();
    }

    /** Merges ranked lists: every candidate at or above {@code threshold} plus the best {@code limit}, ranked. */
    public static List<Candidate> reduce(Collection<? extends Collection<Candidate>> lists, int limit,
                                         double threshold) {
        return CandidateCollector.reduce(lists, limit, threshold);
    }

    @Override
    public void close() {
        engine.close();
    }

    /** A prepared probe: SourceAFIS matchers, pre-selection tables and iris rotations, built once. Immutable. */
    public static final class Probe {
        private final SearchProbe prepared;

        private Probe(SearchProbe prepared) {
            this.prepared = prepared;
        }
    }
}
