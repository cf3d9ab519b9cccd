package id.satunik.cli;

import id.satunik.DedupEngine;
import id.satunik.EyePosition;
import id.satunik.GalleryStats;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code satunik stats}: persons, fingerprints, irises and store file sizes. One instance per invocation. */
@Command(name = "stats", sortOptions = false,
        description = "Prints the number of persons, fingerprints and irises (per eye) in the store and the size of its files.")
final class StatsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        store.requireExisting();
        GalleryStats stats;
        try (DedupEngine engine = store.open()) {
            stats = engine.stats();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "store         %s%n", store.store);
        out.printf(Locale.ROOT, "persons       %,d%n", stats.persons());
        out.printf(Locale.ROOT, "deleted       %,d%n", stats.deleted());
        out.printf(Locale.ROOT, "fingerprints  %,d%n", stats.fingerprints());
        out.printf(Locale.ROOT, "irises        %,d (right %,d, left %,d)%n", stats.eyes(),
                stats.irises().get(EyePosition.RIGHT), stats.irises().get(EyePosition.LEFT));
        out.println("files");
        int width = stats.files().keySet().stream().mapToInt(String::length).max().orElse(0);
        width = Math.max(width, "total".length());
        for (Map.Entry<String, Long> file : stats.files().entrySet()) {
            out.println("  " + sizeLine(file.getKey(), file.getValue(), width));
        }
        out.println("  " + sizeLine("total", stats.totalBytes(), width));
        out.flush();
        return 0;
    }

    static String sizeLine(String name, long bytes, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s  %10s  (%,d bytes)", name, humanBytes(bytes), bytes);
    }

    /** Binary units, as {@code ls -h} and {@code du -h} print them. */
    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String units = "KMGTPE";
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, unit), units.charAt(unit - 1));
    }
}
