package id.satunik.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a member joins, or a client reaches, a SatuNIK cluster.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param name          the cluster's name: members and clients of other names never join it
 * @param host          the interface a member binds to (loopback by default: nothing is exposed unless asked)
 * @param port          a member's port (clients ignore it)
 * @param join          {@code host:port} of members to join or connect to (TCP-IP join; multicast is never used)
 * @param partitions    Hazelcast partitions, each one shard folder on its owner: the same on every member
 * @param threads       a member's search and extraction threads
 * @param shardCapacity persons a new shard's person store is sized for (it grows past it)
 */
public record ClusterOptions(String name, String host, int port, List<String> join, int partitions, int threads,
                             long shardCapacity) {
    public static final int DEFAULT_PORT = 5701;
    /** Enough shards to spread over a few dozen members; a shard folder costs a few open files and a pool. */
    public static final int DEFAULT_PARTITIONS = 71;
    public static final long DEFAULT_SHARD_CAPACITY = 1_000;

    public ClusterOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        join = List.copyOf(join);
        if (partitions < 1 || threads < 1 || shardCapacity < 1) {
            throw new IllegalArgumentException("partitions, threads and shard capacity must be positive");
        }
    }

    /** Loopback, port 5701, joining {@code join} (comma-separated {@code host:port}), all cores. */
    public static ClusterOptions of(String name, String join) {
        return new ClusterOptions(name, "127.0.0.1", DEFAULT_PORT, parse(join), DEFAULT_PARTITIONS,
                Runtime.getRuntime().availableProcessors(), DEFAULT_SHARD_CAPACITY);
    }

    /** From system properties {@code satunik.cluster.name}, {@code .join}, {@code .port}, {@code .partitions}. */
    public static ClusterOptions fromSystemProperties() {
        ClusterOptions base = of(System.getProperty("satunik.cluster.name", "satunik"),
                System.getProperty("satunik.cluster.join", "127.0.0.1:" + DEFAULT_PORT));
        return base.withPort(Integer.getInteger("satunik.cluster.port", DEFAULT_PORT))
                .withPartitions(Integer.getInteger("satunik.cluster.partitions", DEFAULT_PARTITIONS));
    }

    static List<String> parse(String join) {
        return Arrays.stream(join.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public ClusterOptions withPort(int value) {
        return new ClusterOptions(name, host, value, join, partitions, threads, shardCapacity);
    }

    public ClusterOptions withPartitions(int value) {
        return new ClusterOptions(name, host, port, join, value, threads, shardCapacity);
    }

    public ClusterOptions withThreads(int value) {
        return new ClusterOptions(name, host, port, join, partitions, value, shardCapacity);
    }

    public ClusterOptions withShardCapacity(long value) {
        return new ClusterOptions(name, host, port, join, partitions, threads, value);
    }
}
