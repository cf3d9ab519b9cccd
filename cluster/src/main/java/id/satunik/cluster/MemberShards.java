package id.satunik.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;
import id.satunik.Candidate;
import id.satunik.DemographicQuery;
import id.satunik.Nik;
import id.satunik.index.GalleryShard;
import id.satunik.index.ShardRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A member's shards: one folder per Hazelcast partition it owns ({@code partition-NNNN}, the single-node store
 * files), kept equal to the persons map's entries of that partition. The persons map (one synchronous backup) is
 * the replicated copy; the folders are what is searched. A person is written into its owner's shard by the
 * claim ({@link ClaimProcessor}, on the partition's thread); a partition that arrives by migration or by the
 * promotion of a backup after a member was lost is brought up to date from the map before it is searched
 * ({@link #ensureSynced}); a shard that left stays on disk and is topped up if it comes back.
 *
 * <p>Thread-safe.
 */
final class MemberShards implements AutoCloseable {
    static final String KEY = "satunik.shards";

    private final Path root;
    private final ClusterOptions options;
    private final Map<Integer, GalleryShard> shards = new ConcurrentHashMap<>();
    private final Set<Integer> synced = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private volatile HazelcastInstance hazelcast;

    MemberShards(Path root, ClusterOptions options) {
        this.root = root;
        this.options = options;
        this.pool = Executors.newFixedThreadPool(options.threads(), Thread.ofPlatform().name("satunik-shards-", 0)
                .daemon(true).factory());
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create member store " + root + ": " + e.getMessage(), e);
        }
    }

    void attach(HazelcastInstance instance) {
        this.hazelcast = instance;
        instance.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
            }

            @Override
            public void migrationFinished(MigrationState state) {
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
                synced.remove(event.getPartitionId());
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
                synced.remove(event.getPartitionId());
            }
        });
    }

    static MemberShards of(HazelcastInstance instance) {
        return (MemberShards) instance.getUserContext().get(KEY);
    }

    private IMap<String, byte[]> persons() {
        return hazelcast.getMap(HazelcastConfigs.PERSONS);
    }

    /** The partitions this member owns now. */
    Set<Integer> owned() {
        Member local = hazelcast.getCluster().getLocalMember();
        Set<Integer> owned = new TreeSet<>();
        for (Partition partition : hazelcast.getPartitionService().getPartitions()) {
            if (local.equals(partition.getOwner())) {
                owned.add(partition.getPartitionId());
            }
        }
        return owned;
    }

    int partitionOf(Object key) {
        return hazelcast.getPartitionService().getPartition(key).getPartitionId();
    }

    private GalleryShard shard(int partition) {
        return shards.computeIfAbsent(partition, p -> GalleryShard.open(folder(p), options.shardCapacity(), 1));
    }

    private Path folder(int partition) {
        return root.resolve(String.format(java.util.Locale.ROOT, "partition-%04d", partition));
    }

    /** Writes a claimed person into its partition's shard (idempotent). */
    void add(int partition, byte[] value) {
        shard(partition).add(RecordCodec.decode(value));
    }

    /**
     * Brings every owned partition not yet checked since it arrived up to date with the persons map: a person
     * of the map missing from the shard (it arrived with the partition, or its claim ran on another member) is
     * written now. Serialised, so that concurrent searches check once.
     */
    synchronized void ensureSynced(Set<Integer> owned) {
        synced.retainAll(owned);
        Set<Integer> pending = new HashSet<>(owned);
        pending.removeAll(synced);
        if (pending.isEmpty()) {
            return;
        }
        IMap<String, byte[]> persons = persons();
        Map<Integer, List<String>> missing = new HashMap<>();
        for (String nik : persons.localKeySet()) {
            int partition = partitionOf(nik);
            if (pending.contains(partition) && !(Files.isDirectory(folder(partition))
                    && shard(partition).contains(Nik.parse(nik)))) {
                missing.computeIfAbsent(partition, k -> new ArrayList<>()).add(nik);
            }
        }
        for (Map.Entry<Integer, List<String>> partition : missing.entrySet()) {
            for (String nik : partition.getValue()) {
                byte[] value = persons.get(nik);
                if (value != null) {
                    add(partition.getKey(), value);
                }
            }
        }
        synced.addAll(pending);
    }

    /** This member's part of a scatter-gather search: its owned shards, reduced. */
    ShardResult search(byte[] probeBytes, String nik, int limit, double threshold) {
        Set<Integer> owned = owned();
        ensureSynced(owned);
        GalleryShard.Probe probe = GalleryShard.probe(RecordCodec.decode(probeBytes));
        Nik holderNik = nik == null ? null : Nik.parse(nik);
        int holderPartition = nik == null ? -1 : partitionOf(nik);
        List<Callable<List<Candidate>>> tasks = new ArrayList<>();
        Candidate holder = null;
        for (int partition : owned) {
            if (!Files.isDirectory(folder(partition))) {
                continue;   // never held a person
            }
            GalleryShard shard = shard(partition);
            tasks.add(() -> shard.search(probe, limit, threshold));
            if (partition == holderPartition) {
                holder = shard.holder(holderNik, probe).orElse(null);
            }
        }
        List<List<Candidate>> lists = new ArrayList<>();
        try {
            for (Future<List<Candidate>> future : pool.invokeAll(tasks)) {
                lists.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("shard search failed: " + e.getCause(), e.getCause());
        }
        return ShardResult.of(hazelcast.getCluster().getLocalMember().getAddress().toString(), owned,
                GalleryShard.reduce(lists, limit, threshold), holder);
    }

    /**
     * This member's part of a demographic search: each owned shard's best {@code query.limit()} hits, merged into
     * the best {@code query.limit()} (most alike first, ties by NIK), so the coordinator's merge of the members'
     * lists is the best over the whole gallery.
     */
    DemographicResult searchDemographics(DemographicQuery query) {
        Set<Integer> owned = owned();
        ensureSynced(owned);
        List<WireHit> hits = new ArrayList<>();
        for (int partition : owned) {
            if (Files.isDirectory(folder(partition))) {
                shard(partition).searchDemographics(query).forEach(h -> hits.add(WireHit.of(h)));
            }
        }
        hits.sort(WireHit.RANKING);
        return new DemographicResult(owned, hits.subList(0, Math.min(query.limit(), hits.size())));
    }

    /**
     * The person under {@code nik} from its partition's shard, the read audited there; null when no person holds
     * the NIK. Refused when this member does not own the partition (it moved): the coordinator asks its new owner.
     */
    WirePerson enrolled(String nik, String operator) {
        Nik parsed = Nik.parse(nik);
        int partition = partitionOf(nik);
        Set<Integer> owned = owned();
        if (!owned.contains(partition)) {
            throw new IllegalStateException("partition " + partition + " of NIK " + nik + " is not owned by "
                    + hazelcast.getCluster().getLocalMember().getAddress());
        }
        ensureSynced(owned);
        return shard(partition).enrolled(parsed, operator).map(WirePerson::of).orElse(null);
    }

    /** Persons, fingerprints and files of the shards this member owns, its map entries, its search work. */
    MemberStats stats() {
        Set<Integer> owned = owned();
        ensureSynced(owned);
        long persons = 0;
        long fingers = 0;
        long bytes = 0;
        for (int partition : owned) {
            if (Files.isDirectory(folder(partition))) {
                var stats = shard(partition).stats();
                persons += stats.persons();
                fingers += stats.fingerprints();
                bytes += stats.totalBytes();
            }
        }
        long searchNanos = 0;
        long entries = 0;
        long rescored = 0;
        long comparisons = 0;
        for (GalleryShard shard : shards.values()) {
            var work = shard.statistics();
            searchNanos += work.searchNanos();
            entries += work.indexEntries();
            rescored += work.personsRescored();
            comparisons += shard.comparisons();
        }
        var local = persons().getLocalMapStats();
        return new MemberStats(hazelcast.getCluster().getLocalMember().getAddress().toString(), owned.size(),
                persons, fingers, bytes, local.getOwnedEntryCount(), local.getBackupEntryCount(), searchNanos,
                entries, rescored, comparisons);
    }

    Optional<PartitionService> partitions() {
        return Optional.ofNullable(hazelcast).map(HazelcastInstance::getPartitionService);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        for (GalleryShard shard : shards.values()) {
            shard.close();
        }
        shards.clear();
    }
}
