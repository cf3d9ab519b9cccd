package id.satunik.spi;

import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.ImageSource;

/**
 * Service-provider interface behind {@link DedupEngine#open}: the implementation module registers one in
 * {@code META-INF/services}. Applications never call it; they call {@code DedupEngine.open}.
 * Implementations must be thread-safe.
 */
public interface DedupEngineProvider {
    DedupEngine open(EngineOptions options);

    /** 1:1 comparison of two fingerprint images, see {@link DedupEngine#compare}. */
    double compare(ImageSource first, ImageSource second, int dpi);

    /** See {@link DedupEngine#restore}. */
    long restore(java.nio.file.Path backup, java.nio.file.Path journalTail, EngineOptions options);

    /** See {@link DedupEngine#compact}. */
    long compact(EngineOptions options);
}
