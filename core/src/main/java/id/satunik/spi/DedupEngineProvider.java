package id.satunik.spi;

import id.satunik.DedupEngine;
import id.satunik.EngineOptions;

/**
 * Service-provider interface behind {@link DedupEngine#open}: the implementation module registers one in
 * {@code META-INF/services}. Applications never call it; they call {@code DedupEngine.open}.
 * Implementations must be thread-safe.
 */
public interface DedupEngineProvider {
    DedupEngine open(EngineOptions options);
}
