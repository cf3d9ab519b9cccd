package id.satunik.cluster;

import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.ImageSource;
import id.satunik.spi.DedupEngineProvider;

/**
 * Registers the cluster backend under the name {@value #NAME}: {@code DedupEngine.open("hazelcast", options)}
 * starts a member embedded in this process with its shards in {@code options.store()}, joining the cluster named
 * by the system properties of {@link ClusterOptions#fromSystemProperties()}. Thread-safe: stateless.
 */
public final class HazelcastEngineProvider implements DedupEngineProvider {
    public static final String NAME = "hazelcast";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DedupEngine open(EngineOptions options) {
        return ClusterEngine.embedded(ClusterOptions.fromSystemProperties(), options);
    }

    @Override
    public long restore(java.nio.file.Path backup, java.nio.file.Path journalTail, EngineOptions options) {
        throw ClusterEngine.unsupported("restore");
    }

    @Override
    public long compact(EngineOptions options) {
        throw ClusterEngine.unsupported("compact");
    }

    @Override
    public double compare(ImageSource first, ImageSource second, int dpi) {
        return DedupEngine.compare(first, second, dpi);
    }
}
