package id.satunik.index;

import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.ImageSource;
import id.satunik.spi.DedupEngineProvider;

/**
 * Registers the default engine with {@link DedupEngine#open}. Applications do not use this class directly.
 * Thread-safe: stateless.
 */
public final class DefaultDedupEngineProvider implements DedupEngineProvider {
    @Override
    public String name() {
        return LOCAL;
    }

    @Override
    public DedupEngine open(EngineOptions options) {
        JvmFlags.check(); // before the store is touched: a missing flag must not leave a lock file behind
        return DefaultDedupEngine.open(options);
    }

    @Override
    public double compare(ImageSource first, ImageSource second, int dpi) {
        return DefaultDedupEngine.compare(first, second, dpi);
    }

    @Override
    public long restore(java.nio.file.Path backup, java.nio.file.Path journalTail, EngineOptions options) {
        return Backup.restore(backup, journalTail, options);
    }

    @Override
    public long compact(EngineOptions options) {
        return Compaction.run(options);
    }
}
