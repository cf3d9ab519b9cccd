package id.satunik.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The real images in {@code ../shared/data} (see its README.md and each folder's MANIFEST.md). The build passes
 * the folder as system property {@code satunik.shared.data}; tests fail loudly when it is missing, because a test
 * suite that silently skips its real-image tests proves nothing.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("satunik.shared.data");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared/data");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("shared test data not found at " + root.toAbsolutePath()
                    + ": clone next to ../shared or pass -Dsatunik.shared.data=DIR");
        }
        return root.normalize();
    }

    /** An FVC image: {@code fvc("fvc2002-db1b", 101, 1)} is {@code fingerprint/fvc2002-db1b/101_1.tif}. */
    public static Path fvc(String database, int finger, int impression) {
        return root().resolve("fingerprint").resolve(database)
                .resolve(String.format(Locale.ROOT, "%d_%d.tif", finger, impression));
    }

    /** Runs the test body only under {@code -Plarge}. */
    public static void assumeLarge() {
        assumeTrue(Boolean.getBoolean("satunik.large"), "large-scale check: run with mvn -Plarge");
    }
}
