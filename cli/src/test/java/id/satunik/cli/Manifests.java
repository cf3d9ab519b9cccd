package id.satunik.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds manifest lines in tests; images are FVC files from the shared data (absolute paths). */
final class Manifests {
    private final List<String> lines = new ArrayList<>();

    /** A record with the given fingers, each "POSITION=db/finger_impression", e.g. "RIGHT_THUMB=fvc2002-db1b/104_1". */
    Manifests person(String nik, String name, String birthDate, String sex, String... fingers) {
        ObjectNode record = Json.MAPPER.createObjectNode().put("nik", nik).put("name", name);
        if (birthDate != null) {
            record.put("birthDate", birthDate);
        }
        if (sex != null) {
            record.put("sex", sex);
        }
        ObjectNode images = record.putObject("fingers");
        for (String finger : fingers) {
            String[] parts = finger.split("=", 2);
            images.put(parts[0], image(parts[1]).toString());
        }
        lines.add(record.toString());
        return this;
    }

    /** A line as is (malformed ones included). */
    Manifests raw(String line) {
        lines.add(line);
        return this;
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, lines);
    }

    /** "fvc2002-db1b/104_1" → the shared FVC image; anything else is a path. */
    static Path image(String spec) {
        if (!spec.startsWith("fvc")) {
            return Path.of(spec);
        }
        String[] parts = spec.split("[/_]");
        return SharedData.fvc(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
}
