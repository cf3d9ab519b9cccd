package id.satunik;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The official Kemendagri province codes, loaded once from {@code provinces.tsv} (one list, one place). */
final class Provinces {
    private static final Map<String, String> NAMES = load();

    private Provinces() {
    }

    static String nameOf(String code) {
        return NAMES.get(code);
    }

    static boolean isKnown(String code) {
        return NAMES.containsKey(code);
    }

    private static Map<String, String> load() {
        try (InputStream in = Provinces.class.getResourceAsStream("provinces.tsv")) {
            if (in == null) {
                throw new IllegalStateException("provinces.tsv is missing from the satunik-core jar");
            }
            Map<String, String> names = new TreeMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                names.put(fields[0].strip(), fields[1].strip());
            }
            return Map.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
