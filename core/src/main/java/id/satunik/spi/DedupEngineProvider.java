package id.satunik.spi;

import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.ImageSource;

/**
 * Service-provider interface behind {@link DedupEngine#open}: each backend module registers one in
 * {@code META-INF/services} under its own {@link #name()}. Applications never call it; they call {@code DedupEngine.open}.
 * Implementations must be thread-safe.
 */
public interface DedupEngineProvider {
    /** The single-node backend's name, what {@link DedupEngine#open(EngineOptions)} opens. */
    String LOCAL = "local";

    /** The backend's name, by which {@link DedupEngine#open(String, EngineOptions)} selects it. */
    String name();

    DedupEngine open(EngineOptions options);

    /** 1:1 comparison of two fingerprint images, see {@link DedupEngine#compare}. */
    double compare(ImageSource first, ImageSource second, int dpi);

    /** See {@link DedupEngine#restore}. */
    long restore(java.nio.file.Path backup, java.nio.file.Path journalTail, EngineOptions options);

    /** See {@link DedupEngine#compact}. */
    long compact(EngineOptions options);
}
