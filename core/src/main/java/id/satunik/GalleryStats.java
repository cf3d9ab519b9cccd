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
 */
public record GalleryStats(long persons, long fingerprints, Map<String, Long> files) {
    public GalleryStats {
        files = Map.copyOf(new TreeMap<>(files));
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(Long::longValue).sum();
    }
}
