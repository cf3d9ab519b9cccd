package id.satunik.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A SatuNIK cluster member: a Hazelcast member whose partitions are shards of the gallery, each a folder of
 * single-node store files under {@code store}. Started by {@code satunik member} or embedded in a service
 * ({@link ClusterEngine#embedded}).
 *
 * <p>Thread-safe.
 */
public final class ClusterMember implements AutoCloseable {
    private final HazelcastInstance hazelcast;
    private final MemberShards shards;

    private ClusterMember(HazelcastInstance hazelcast, MemberShards shards) {
        this.hazelcast = hazelcast;
        this.shards = shards;
    }

    /** Starts a member with its shards in {@code store} and joins (or forms) the cluster. */
    public static ClusterMember start(ClusterOptions options, Path store) {
        MemberShards shards = new MemberShards(store, options);
        ConcurrentMap<String, Object> context = new ConcurrentHashMap<>();
        context.put(MemberShards.KEY, shards);
        try {
            HazelcastInstance instance = Hazelcast.newHazelcastInstance(HazelcastConfigs.member(options, context));
            shards.attach(instance);
            return new ClusterMember(instance, shards);
        } catch (RuntimeException e) {
            shards.close();
            throw e;
        }
    }

    HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public String address() {
        return hazelcast.getCluster().getLocalMember().getAddress().toString();
    }

    @Override
    public void close() {
        try {
            hazelcast.shutdown();
        } finally {
            shards.close();
        }
    }

    /**
     * {@code ClusterMember --store DIR --cluster NAME --port PORT --join HOST:PORT,… [--partitions N]
     * [--threads N] [--shard-capacity N]}: runs a member until the process is stopped. Prints
     * {@code MEMBER READY <address>} once it has joined.
     */
    public static void main(String[] args) {
        Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
        Path store = null;
        ClusterOptions options = ClusterOptions.of("satunik", "127.0.0.1:" + ClusterOptions.DEFAULT_PORT);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            options = switch (args[i]) {
                case "--store" -> {
                    store = Path.of(value);
                    yield options;
                }
                case "--cluster" -> new ClusterOptions(value, options.host(), options.port(), options.join(),
                        options.partitions(), options.threads(), options.shardCapacity());
                case "--host" -> new ClusterOptions(options.name(), value, options.port(), options.join(),
                        options.partitions(), options.threads(), options.shardCapacity());
                case "--join" -> new ClusterOptions(options.name(), options.host(), options.port(),
                        ClusterOptions.parse(value), options.partitions(), options.threads(), options.shardCapacity());
                case "--port" -> options.withPort(Integer.parseInt(value));
                case "--partitions" -> options.withPartitions(Integer.parseInt(value));
                case "--threads" -> options.withThreads(Integer.parseInt(value));
                case "--shard-capacity" -> options.withShardCapacity(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            };
        }
        if (store == null) {
            throw new IllegalArgumentException("--store DIR is required");
        }
        ClusterMember member = start(options, store);
        Runtime.getRuntime().addShutdownHook(new Thread(member::close));
        System.out.println("MEMBER READY " + member.address());
        System.out.flush();
    }
}
