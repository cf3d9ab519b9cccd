package id.satunik.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import id.satunik.DemographicQuery;
import id.satunik.Sex;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/**
 * The scatter half of a demographic search, run on every member: the demographic indexes of the member's owned
 * shards searched with the query (validated by the coordinator). Not thread-safe (one per submission).
 */
final class DemographicTask implements Callable<DemographicResult>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final LocalDate birthDate;
    private final Sex sex;
    private final String region;
    private final int limit;
    private transient HazelcastInstance hazelcast;

    DemographicTask(DemographicQuery query) {
        this.name = query.name();
        this.birthDate = query.birthDate();
        this.sex = query.sex();
        this.region = query.region();
        this.limit = query.limit();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.hazelcast = instance;
    }

    @Override
    public DemographicResult call() {
        return MemberShards.of(hazelcast).searchDemographics(new DemographicQuery(name, birthDate, sex, region, limit));
    }
}
