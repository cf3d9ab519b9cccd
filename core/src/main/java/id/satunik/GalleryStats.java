package id.satunik;

import java.util.Map;
import java.util.TreeMap;

/**
 * Size of a gallery: persons, templates, and the bytes of every store file.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param persons      enrolled persons (one per NIK)
 * @param fingerprints fingerprint templates over all persons
 * @param files        store file name → bytes on disk (allocated, not apparent, size)
 * @param deleted      persons deleted and not yet compacted away (tombstones)
 */
public record GalleryStats(long persons, long fingerprints, Map<String, Long> files, long deleted) {
    public GalleryStats {
        files = Map.copyOf(new TreeMap<>(files));
    }

    public GalleryStats(long persons, long fingerprints, Map<String, Long> files) {
        this(persons, fingerprints, files, 0);
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(Long::longValue).sum();
    }
}
