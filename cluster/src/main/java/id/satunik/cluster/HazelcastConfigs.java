package id.satunik.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.concurrent.ConcurrentMap;

/**
 * The Hazelcast settings of every SatuNIK member and client, in one place: TCP-IP join on the named addresses
 * only (multicast and cloud auto-detection off: a population database announces itself nowhere), phone-home
 * off, the persons map with one synchronous backup (each person on two members), separate executors for
 * searches and extraction (a search never waits behind a queue of extractions), quick failure detection.
 *
 * <p>Stateless; thread-safe.
 */
final class HazelcastConfigs {
    static final String PERSONS = "satunik-persons";
    static final String LOCKS = "satunik-locks";
    static final String SEARCH = "satunik-search";
    static final String EXTRACT = "satunik-extract";

    private HazelcastConfigs() {
    }

    static Config member(ClusterOptions options, ConcurrentMap<String, Object> userContext) {
        Config config = new Config();
        config.setClusterName(options.name());
        common(config.getProperties());
        config.setProperty("hazelcast.partition.count", Integer.toString(options.partitions()));
        config.setProperty("hazelcast.socket.bind.any", "false");
        // A member killed with kill -9 is dropped within seconds, not the default minute.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(options.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(options.join());
        config.getMapConfig(PERSONS).setBackupCount(1).setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.BINARY);
        config.getMapConfig(LOCKS).setBackupCount(1);
        config.getExecutorConfig(SEARCH).setPoolSize(Math.max(2, options.threads()));
        config.getExecutorConfig(EXTRACT).setPoolSize(options.threads());
        config.setUserContext(userContext);
        return config;
    }

    static ClientConfig client(ClusterOptions options) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(options.name());
        common(config.getProperties());
        config.getNetworkConfig().setAddresses(options.join());
        config.setProperty("hazelcast.client.statistics.enabled", "false");
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(60_000);
        return config;
    }

    private static void common(java.util.Properties properties) {
        properties.setProperty("hazelcast.phone.home.enabled", "false");
        properties.setProperty("hazelcast.logging.type", "jdk");
    }
}
