package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A report read back: one JSON object per line. */
record Report(List<JsonNode> lines) {

    static Report read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    static Report parse(List<String> text) {
        return new Report(text.stream().filter(line -> !line.isBlank()).map(line -> {
            try {
                return Json.MAPPER.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList());
    }

    List<String> decisions() {
        return lines.stream().map(line -> line.get("decision").asText()).toList();
    }

    List<Integer> lineNumbers() {
        return lines.stream().map(line -> line.get("line").asInt()).toList();
    }

    /** The report line for manifest line {@code n}. */
    JsonNode line(int n) {
        return lines.stream().filter(line -> line.get("line").asInt() == n).findFirst()
                .orElseThrow(() -> new AssertionError("no report line for manifest line " + n + " in " + lines));
    }

    void assertReason(int n, String decision, String... fragments) {
        JsonNode line = line(n);
        assertEquals(decision, line.get("decision").asText(), line.toString());
        for (String fragment : fragments) {
            assertTrue(line.get("reason").asText().contains(fragment),
                    "line " + n + " reason should contain '" + fragment + "': " + line);
        }
    }
}
