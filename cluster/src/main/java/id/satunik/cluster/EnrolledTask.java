package id.satunik.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * An adjudication read, run on the owner of the NIK's partition: the person from the partition's shard (null when
 * none holds the NIK), the read recorded in that shard's audit log under the coordinator's operator.
 * Not thread-safe (one per submission).
 */
final class EnrolledTask implements Callable<WirePerson>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;
    private final String nik;
    private final String operator;
    private transient HazelcastInstance hazelcast;

    EnrolledTask(String nik, String operator) {
        this.nik = nik;
        this.operator = operator;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public WirePerson call() {
        return MemberShards.of(hazelcast).enrolled(nik, operator);
    }
}
