package id.satunik.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/** Asks a member what it holds. Not thread-safe (one per submission). */
final class StatsTask implements Callable<MemberStats>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;
    private transient HazelcastInstance hazelcast;

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public MemberStats call() {
        return MemberShards.of(hazelcast).stats();
    }
}
