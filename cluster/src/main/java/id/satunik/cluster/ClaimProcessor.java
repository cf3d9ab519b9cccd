package id.satunik.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import java.util.Arrays;
import java.util.Map;

/**
 * The one-NIK claim, run by Hazelcast on the partition owner of the NIK, on that partition's single thread (so
 * two claims of one NIK are serialised without any lock): the first claim stores the person in the persons map
 * (replicated to its backup before the call returns) and in the owner's shard; a later claim of the NIK with
 * other bytes is refused. Claiming the same bytes again (a coordinator retrying after losing a member) answers
 * as the first time: a claim is idempotent. Not thread-safe (one per invocation).
 */
final class ClaimProcessor implements EntryProcessor<String, byte[], ClaimProcessor.Outcome>, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    enum Outcome { CLAIMED, TAKEN }

    private final byte[] person;
    private transient HazelcastInstance hazelcast;

    ClaimProcessor(byte[] person) {
        this.person = person;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public Outcome process(Map.Entry<String, byte[]> entry) {
        byte[] existing = entry.getValue();
        if (existing != null) {
            return Arrays.equals(existing, person) ? Outcome.CLAIMED : Outcome.TAKEN;
        }
        entry.setValue(person);
        MemberShards shards = MemberShards.of(hazelcast);
        shards.add(shards.partitionOf(entry.getKey()), person);
        return Outcome.CLAIMED;
    }

    @Override
    public EntryProcessor<String, byte[], Outcome> getBackupProcessor() {
        return new Backup(person);
    }

    /** On the backup replica: the value only (the backup member's shard is filled if the partition comes to it). */
    private record Backup(byte[] person) implements EntryProcessor<String, byte[], Outcome> {
        @Override
        public Outcome process(Map.Entry<String, byte[]> entry) {
            if (entry.getValue() == null) {
                entry.setValue(person);
            }
            return null;
        }
    }
}
