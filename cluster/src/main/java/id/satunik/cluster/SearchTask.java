package id.satunik.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The scatter half of a search, run on every member: the member's owned shards searched with the probe.
 * Not thread-safe (one per submission).
 */
final class SearchTask implements Callable<ShardResult>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;
    private final byte[] probe;
    private final String nik;
    private final int limit;
    private final double threshold;
    private transient HazelcastInstance hazelcast;

    SearchTask(byte[] probe, String nik, int limit, double threshold) {
        this.probe = probe;
        this.nik = nik;
        this.limit = limit;
        this.threshold = threshold;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public ShardResult call() {
        return MemberShards.of(hazelcast).search(probe, nik, limit, threshold);
    }
}
