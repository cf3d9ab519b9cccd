package id.satunik.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.DemographicHit;
import id.satunik.DemographicQuery;
import id.satunik.EngineOptions;
import id.satunik.EnrolledPerson;
import id.satunik.EnrollmentRecord;
import id.satunik.GalleryStats;
import id.satunik.InvalidInputException;
import id.satunik.Nik;
import id.satunik.SearchStatistics;
import id.satunik.index.GalleryShard;
import id.satunik.index.ShardRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The dedup engine over a Hazelcast cluster, as a client ({@link #client}) or inside a member
 * ({@link #embedded}); the same contract and the same decisions as the single-node engine.
 *
 * <ul>
 *   <li>Extraction: each record goes to a member (round robin), comes back as templates; decisions still follow
 *   the input order. A member lost with records in flight: they are extracted again elsewhere.</li>
 *   <li>Search: scatter-gather. Every member searches the shards of the partitions it owns with the single-node
 *   search and reduces; this coordinator merges the lists with the same reduce. It checks that every partition
 *   was searched (a search that ran while a member was lost or partitions moved is repeated).</li>
 *   <li>The decide-and-enroll step holds the cluster-wide enrollment lock (an IMap key lock, released by
 *   Hazelcast when its holder leaves), so two coordinators submitting one person under two NIKs cannot both
 *   enroll: the second searches after the first's claim. The NIK itself is claimed atomically on its
 *   partition's owner ({@link ClaimProcessor}).</li>
 * </ul>
 *
 * <p>Thread-safe: concurrent calls extract in parallel; decisions are serialised cluster-wide.
 */
public final class ClusterEngine implements DedupEngine {
    private static final long RETRY_MILLIS = 200;
    private static final long GIVE_UP_MILLIS = 120_000;
    private static final String ENROLLMENT = "enrollment";

    private final HazelcastInstance hazelcast;
    private final ClusterMember embeddedMember;
    private final EngineOptions options;
    private final IMap<String, byte[]> persons;
    private final IMap<String, String> locks;
    private final IExecutorService searchers;
    private final IExecutorService extractors;
    private final LongAdder extractionNanos = new LongAdder();
    private final LongAdder searchNanos = new LongAdder();
    private final LongAdder decisionNanos = new LongAdder();
    private final LongAdder searches = new LongAdder();
    private volatile boolean closed;

    private ClusterEngine(HazelcastInstance hazelcast, ClusterMember embeddedMember, EngineOptions options) {
        this.hazelcast = hazelcast;
        this.embeddedMember = embeddedMember;
        this.options = options;
        this.persons = hazelcast.getMap(HazelcastConfigs.PERSONS);
        this.locks = hazelcast.getMap(HazelcastConfigs.LOCKS);
        this.searchers = hazelcast.getExecutorService(HazelcastConfigs.SEARCH);
        this.extractors = hazelcast.getExecutorService(HazelcastConfigs.EXTRACT);
    }

    /** Connects to a running cluster as a client; {@code options} gives threshold and candidate limit. */
    public static ClusterEngine client(ClusterOptions cluster, EngineOptions options) {
        return new ClusterEngine(HazelcastClient.newHazelcastClient(HazelcastConfigs.client(cluster)), null, options);
    }

    /** Starts a member in this process (shards in {@code options.store()}) and uses it as coordinator. */
    public static ClusterEngine embedded(ClusterOptions cluster, EngineOptions options) {
        ClusterMember member = ClusterMember.start(cluster.withThreads(options.threads()), options.store());
        return new ClusterEngine(member.hazelcast(), member, options);
    }

    @Override
    public DedupDecision dedup(EnrollmentRecord record) {
        List<DedupDecision> out = new ArrayList<>(1);
        dedupAll(List.of(record), out::add);
        return out.getFirst();
    }

    @Override
    public void dedupAll(List<EnrollmentRecord> records, Consumer<DedupDecision> sink) {
        ensureOpen();
        Deque<Pending> pending = new ArrayDeque<>();
        int next = 0;
        int window = Math.max(2, 2 * options.threads() * Math.max(1, hazelcast.getCluster().getMembers().size()));
        for (int i = 0; i < records.size(); i++) {
            while (next < records.size() && pending.size() < window) {
                pending.add(submit(new ExtractTask(records.get(next), true, options.minIrisQuality()), next));
                next++;
            }
            Pending head = pending.poll();
            ExtractTask.Result result = extracted(head);
            EnrollmentRecord record = records.get(i);
            sink.accept(result.refusal() != null ? new DedupDecision.Rejected(record.nik(), result.refusal())
                    : decide(result.record()));
        }
    }

    @Override
    public DedupDecision enroll(EnrollmentRecord record) {
        ensureOpen();
        ExtractTask.Result result = extracted(submit(new ExtractTask(record, true, options.minIrisQuality()), 0));
        if (result.refusal() != null) {
            return new DedupDecision.Rejected(record.nik(), result.refusal());
        }
        ShardRecord person = RecordCodec.decode(result.record());
        return withEnrollmentLock(() -> claim(person.nik(), result.record())
                ? new DedupDecision.Enrolled(person.nik(), person.dropped(), Double.NaN, false,
                        person.fingerQuality(), person.irisQuality())
                : new DedupDecision.Rejected(record.nik(), "NIK " + person.nik()
                        + " is already enrolled; nothing changed (use dedup to check a re-submission)"));
    }

    @Override
    public List<Candidate> identify(EnrollmentRecord probe) {
        ensureOpen();
        probe.validateSamples();
        ExtractTask.Result result;
        try {
            result = extracted(submit(new ExtractTask(probe, false, options.minIrisQuality()), 0));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw e;
        }
        List<Candidate> ranked = scatter(result.record(), null, Double.POSITIVE_INFINITY).candidates();
        return ranked.subList(0, Math.min(options.candidateLimit(), ranked.size()));
    }

    /**
     * Scatter-gather over the demographic indexes of every shard (each kept by its owner as the single-node store
     * keeps one): each member merges its shards' best hits, this coordinator merges the members' lists, most alike
     * first, ties by NIK. A shard's scores use its own term statistics (BM25's weight of a rare name is judged
     * within the shard), so a score can differ from one store's; the hits found are the same when there are no
     * more than {@code query.limit()} of them.
     */
    @Override
    public List<DemographicHit> searchDemographics(DemographicQuery query) {
        ensureOpen();
        List<WireHit> merged = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (DemographicResult result : everyPartition(() -> new DemographicTask(query),
                DemographicResult::partitions)) {
            for (WireHit hit : result.hits()) {
                if (seen.add(hit.nik())) {   // a partition reported twice while it moves
                    merged.add(hit);
                }
            }
        }
        merged.sort(WireHit.RANKING);
        return merged.subList(0, Math.min(query.limit(), merged.size())).stream().map(WireHit::hit).toList();
    }

    /**
     * The person enrolled under {@code nik}, read on the member that owns the NIK's partition and recorded in that
     * shard's audit log under this engine's operator ({@link EngineOptions#operator()}), as the single-node engine
     * records a read in its store's.
     */
    @Override
    public java.util.Optional<EnrolledPerson> enrolled(String nik) {
        ensureOpen();
        try {
            Nik.parse(nik);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("NIK " + nik, "invalid NIK: " + e.reason());
        }
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        while (true) {
            try {
                WirePerson person = searchers.submitToKeyOwner(new EnrolledTask(nik, options.operator()), nik).get();
                return java.util.Optional.ofNullable(person).map(WirePerson::person);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException | RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("cannot read NIK " + nik + ": " + e, e);
                }
                pause();   // the partition moved or its owner was lost: ask the new owner
            }
        }
    }

    /** 1:N for a record extracted elsewhere: the same scatter-gather as {@link #identify(EnrollmentRecord)} (figures). */
    List<Candidate> identify(ShardRecord probe) {
        ensureOpen();
        List<Candidate> ranked = scatter(RecordCodec.encode(probe), null, Double.POSITIVE_INFINITY).candidates();
        return ranked.subList(0, Math.min(options.candidateLimit(), ranked.size()));
    }

    /** Biometric comparisons made by the members' shards since each member started. */
    @Override
    public long comparisons() {
        ensureOpen();
        return members().stream().mapToLong(MemberStats::comparisons).sum();
    }

    /**
     * This coordinator's time split: extraction (members' time, summed), search (wall time of each scatter-gather
     * round trip, the members' shard searches included), decision (lock, rule and claim); gallery work summed
     * over the members (since each started).
     */
    @Override
    public SearchStatistics statistics() {
        ensureOpen();
        List<MemberStats> members = members();
        return new SearchStatistics(extractionNanos.sum(), searchNanos.sum(), decisionNanos.sum(), searches.sum(),
                members.stream().mapToLong(MemberStats::indexEntries).sum(),
                members.stream().mapToLong(MemberStats::personsRescored).sum(), 0);
    }

    @Override
    public double threshold() {
        // the threshold a search of the gallery as it is now is decided with: fixed, or from the target FPIR and the
        // persons enrolled cluster-wide (DecisionThreshold), as on the single node
        return options.decisionThreshold().at(persons.size());
    }

    /** Persons in the replicated map; fingerprints and file bytes summed over the members' owned shards. */
    @Override
    public GalleryStats stats() {
        ensureOpen();
        long fingers = 0;
        Map<String, Long> files = new LinkedHashMap<>();
        for (MemberStats member : members()) {
            fingers += member.fingerprints();
            files.put(member.member(), member.bytes());
        }
        return new GalleryStats(persons.size(), fingers, files);
    }

    /** What every member holds: shards, persons, backups. */
    public List<MemberStats> members() {
        List<MemberStats> out = new ArrayList<>();
        for (Future<MemberStats> f : searchers.submitToAllMembers(new StatsTask()).values()) {
            out.add(await(f));
        }
        out.sort(java.util.Comparator.comparing(MemberStats::member));
        return out;
    }

    /** Not on the cluster backend yet: the persons map and the shards would both have to forget the person. */
    @Override
    public boolean delete(String nik, String reason) {
        throw unsupported("delete");
    }

    @Override
    public void update(String nik, id.satunik.PersonCorrection correction) {
        throw unsupported("update");
    }

    @Override
    public long backup(java.nio.file.Path to) {
        throw unsupported("backup");
    }

    @Override
    public List<String> verifyStore() {
        throw unsupported("verify-store");
    }

    static UnsupportedOperationException unsupported(String operation) {
        return new UnsupportedOperationException(operation + " is not available on the cluster backend yet; "
                + "the gallery's persons are replicated in the cluster (each on two members)");
    }

    /** Members in the cluster now. */
    public int memberCount() {
        return hazelcast.getCluster().getMembers().size();
    }

    /** Persons enrolled cluster-wide (the replicated map's size). */
    public long persons() {
        return persons.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (embeddedMember != null) {
            embeddedMember.close();
        } else {
            hazelcast.shutdown();
        }
    }

    /** Search, the one-NIK rule, claim: one decision at a time cluster-wide. */
    private DedupDecision decide(byte[] recordBytes) {
        ShardRecord record = RecordCodec.decode(recordBytes);
        Nik nik = Nik.parse(record.nik());
        long start = System.nanoTime();
        long searched = searchNanos.sum();
        try {
            return withLookAlikes(decideLocked(recordBytes, record, nik), record);
        } finally {
            decisionNanos.add(System.nanoTime() - start - (searchNanos.sum() - searched));
        }
    }

    /**
     * A DUPLICATE or NIK_CONFLICT with the persons its demographics resemble, as the single-node engine lists them.
     * Searched after the enrollment lock is released: these decisions enroll nobody, so the lock guards nothing here.
     */
    private DedupDecision withLookAlikes(DedupDecision decision, ShardRecord record) {
        if (!(decision instanceof DedupDecision.Duplicate || decision instanceof DedupDecision.NikConflict)
                || (record.name() == null || record.name().isBlank()) && record.birthDate() == null) {
            return decision;
        }
        return decision.withLookAlikes(searchDemographics(new DemographicQuery(record.name(), record.birthDate(),
                null, record.region(), GalleryShard.LOOK_ALIKES)));
    }

    private DedupDecision decideLocked(byte[] recordBytes, ShardRecord record, Nik nik) {
        return withEnrollmentLock(() -> {
            for (int attempt = 1; ; attempt++) {
                double threshold = threshold();
                Outcome outcome = scatter(recordBytes, record.nik(), threshold);
                DedupDecision decision = DedupDecision.decide(nik, outcome.holder(), outcome.candidates(),
                        threshold, record.dropped()).withFingerQuality(record.fingerQuality())
                        .withIrisQuality(record.irisQuality());
                if (!(decision instanceof DedupDecision.Enrolled) || claim(record.nik(), recordBytes)) {
                    return decision;
                }
                // The NIK was claimed outside the lock (cannot happen between SatuNIK coordinators): decide again.
                if (attempt == 3) {
                    throw new IllegalStateException("NIK " + nik + " is claimed in the persons map but no shard "
                            + "holds it: the member shards are out of step with the map");
                }
            }
        });
    }

    private record Outcome(List<Candidate> candidates, Candidate holder) {
    }

    /**
     * Every member searches its owned shards; the lists are merged with the single-node reduce. Repeated until
     * one round has covered every partition (a member lost mid-search, partitions on the move).
     */
    private Outcome scatter(byte[] probe, String nik, double threshold) {
        long start = System.nanoTime();
        try {
            return scatterRounds(probe, nik, threshold);
        } finally {
            searches.increment();
            searchNanos.add(System.nanoTime() - start);
        }
    }

    private Outcome scatterRounds(byte[] probe, String nik, double threshold) {
        Map<Nik, Candidate> unique = new TreeMap<>();
        Candidate holder = null;
        for (ShardResult result : everyPartition(() -> new SearchTask(probe, nik, options.candidateLimit(), threshold),
                ShardResult::partitions)) {
            for (WireCandidate c : result.candidates()) {
                Candidate candidate = c.candidate();
                unique.put(candidate.nik(), candidate);   // a partition reported twice while it moves
            }
            if (result.holder() != null) {
                holder = result.holder().candidate();
            }
        }
        return new Outcome(GalleryShard.reduce(List.of(unique.values()), options.candidateLimit(), threshold),
                holder);
    }

    /**
     * The members' answers to one round of {@code task} that covered every partition, rounds repeated until one
     * does (a member lost mid-round, partitions on the move).
     */
    private <R> List<R> everyPartition(java.util.function.Supplier<? extends java.util.concurrent.Callable<R>> task,
                                       java.util.function.Function<R, Set<Integer>> partitionsOf) {
        int partitions = hazelcast.getPartitionService().getPartitions().size();
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        RuntimeException last = null;
        while (System.currentTimeMillis() < deadline) {
            ensureOpen();
            try {
                Map<Member, Future<R>> futures = searchers.submitToAllMembers(task.get());
                Set<Integer> covered = new HashSet<>();
                List<R> results = new ArrayList<>();
                for (Future<R> future : futures.values()) {
                    R result = future.get(GIVE_UP_MILLIS, TimeUnit.MILLISECONDS);
                    covered.addAll(partitionsOf.apply(result));
                    results.add(result);
                }
                if (covered.size() == partitions) {
                    return results;
                }
                last = new IllegalStateException("round covered " + covered.size() + " of " + partitions
                        + " partitions");
            } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                last = new IllegalStateException("round failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search interrupted", e);
            }
            pause();
        }
        throw new IllegalStateException("no complete round within " + GIVE_UP_MILLIS + " ms", last);
    }

    /** Claims the NIK for these bytes; true when they hold it now (first claim, or a retried one). */
    private boolean claim(String nik, byte[] person) {
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        while (true) {
            try {
                return persons.executeOnKey(nik, new ClaimProcessor(person)) == ClaimProcessor.Outcome.CLAIMED;
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                pause();   // the owner was lost: the claim is idempotent, try its new owner
            }
        }
    }

    private <T> T withEnrollmentLock(java.util.function.Supplier<T> body) {
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        while (true) {
            try {
                locks.lock(ENROLLMENT);
                break;
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                pause();
            }
        }
        try {
            return body.get();
        } finally {
            try {
                locks.unlock(ENROLLMENT);
            } catch (RuntimeException e) {
                // The lock's member was lost and with it this holder's lock; nothing else to release.
            }
        }
    }

    private record Pending(ExtractTask task, Future<ExtractTask.Result> future) {
    }

    private Pending submit(ExtractTask task, int index) {
        List<Member> members = new ArrayList<>(hazelcast.getCluster().getMembers());
        return new Pending(task, extractors.submitToMember(task, members.get(Math.floorMod(index, members.size()))));
    }

    /** The extraction's result; a record whose member was lost is extracted again on another. */
    private ExtractTask.Result extracted(Pending pending) {
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        Pending current = pending;
        int attempt = 1;
        while (true) {
            try {
                ExtractTask.Result result = current.future().get();
                extractionNanos.add(result.nanos());
                return result;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InvalidInputException invalid) {
                    throw invalid;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("extraction failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            pause();
            current = submit(current.task(), attempt++);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cluster engine is closed");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public String toString() {
        return "ClusterEngine[" + hazelcast.getConfig().getClusterName() + "]";
    }
}
