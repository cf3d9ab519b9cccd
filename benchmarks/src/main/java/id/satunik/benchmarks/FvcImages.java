package id.satunik.benchmarks;

import id.satunik.Nik;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The real FVC images the benchmarks run on: the eight FVC 'B' sets under {@code DATA/fingerprint}
 * (fvc2000-db1b … fvc2002-db4b, 10 fingers × 8 impressions each). {@code DATA} is the benchmarks' {@code data}
 * parameter, by default {@code ../shared/data}: relative to the folder the JVM runs in, i.e. the repository root.
 *
 * <p>Public for the benchmarks of other packages (IdentifyBenchmark lives in the engine's package). Stateless;
 * thread-safe.
 */
public final class FvcImages {
    /** The FVC 'B' databases, in a fixed order. */
    static final List<String> DATABASES = List.of("fvc2000-db1b", "fvc2000-db2b", "fvc2000-db3b", "fvc2000-db4b",
            "fvc2002-db1b", "fvc2002-db2b", "fvc2002-db3b", "fvc2002-db4b");

    private FvcImages() {
    }

    /** Every finger of every FVC set, as the folder of its database and its id, database by database. */
    public record Finger(Path database, int id) {
        public Path impression(int impression) {
            return database.resolve(String.format(Locale.ROOT, "%d_%d.tif", id, impression));
        }

        /** FVC2002 DB2 was scanned at 569 dpi, the other sets at (about) 500. */
        public int dpi() {
            return database.getFileName().toString().equals("fvc2002-db2b") ? 569 : 500;
        }
    }

    public static List<Finger> fingers(String data) {
        Path root = Path.of(data, "fingerprint");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no FVC images under " + root.toAbsolutePath()
                    + ": run from the repository root or pass -p data=DIR (the shared data folder)");
        }
        return DATABASES.stream().map(root::resolve).filter(Files::isDirectory)
                .flatMap(db -> ids(db).stream().map(id -> new Finger(db, id))).toList();
    }

    private static List<Integer> ids(Path database) {
        try (Stream<Path> files = Files.list(database)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+_1\\.tif"))
                    .map(n -> Integer.parseInt(n.substring(0, n.indexOf('_')))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct valid NIKs for up to 990,000 persons: serial 0001-9999, then the next birth year. */
    public static String nik(int i) {
        return Nik.parse(String.format(Locale.ROOT, "3507010101%02d%04d", (i / 9999) % 100, i % 9999 + 1)).value();
    }
}
