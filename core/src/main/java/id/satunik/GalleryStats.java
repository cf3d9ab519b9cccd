package id.satunik;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Size of a gallery: persons, templates, and the bytes of every store file.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param persons      enrolled persons (one per NIK)
 * @param fingerprints fingerprint templates over all persons
 * @param irises       iris codes stored, per eye (every eye position present, 0 when none)
 * @param files        store file name → bytes on disk (allocated, not apparent, size)
 * @param deleted      persons deleted and not yet compacted away (tombstones)
 */
public record GalleryStats(long persons, long fingerprints, Map<EyePosition, Long> irises, Map<String, Long> files,
                           long deleted) {
    public GalleryStats {
        Map<EyePosition, Long> all = new EnumMap<>(EyePosition.class);
        for (EyePosition eye : EyePosition.values()) {
            all.put(eye, irises.getOrDefault(eye, 0L));
        }
        irises = java.util.Collections.unmodifiableMap(all);
        files = Map.copyOf(new TreeMap<>(files));
    }

    /** A gallery without irises. */
    public GalleryStats(long persons, long fingerprints, Map<String, Long> files, long deleted) {
        this(persons, fingerprints, Map.of(), files, deleted);
    }

    public GalleryStats(long persons, long fingerprints, Map<String, Long> files) {
        this(persons, fingerprints, files, 0);
    }

    /** Iris codes over both eyes (those of deleted persons included until compaction). */
    public long eyes() {
        return irises.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(Long::longValue).sum();
    }
}
