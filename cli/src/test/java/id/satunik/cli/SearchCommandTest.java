package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code satunik search} and the look-alikes of a dedup report, end to end on a real store: persons deduplicated
 * from a manifest of real FVC fingers, then found by name variants; a second submission of a person under
 * another NIK (a DUPLICATE) lists the persons it resembles, the biometric match marked.
 */
class SearchCommandTest {
    @TempDir
    Path dir;

    @Test
    void searchFindsVariantsAndTheReportListsLookAlikes() throws Exception {
        Path store = dir.resolve("store");
        Path manifest = new Manifests()
                .person("3507015203900001", "Siti Aminah", "1990-03-12", "F", "RIGHT_THUMB=fvc2002-db1b/101_1")
                .person("3507015203900002", "Aminah", "1990-03-12", "F", "RIGHT_THUMB=fvc2002-db1b/102_1")
                .person("3507011208600003", "Mohammad Hatta", "1960-08-12", "M", "RIGHT_THUMB=fvc2002-db1b/103_1")
                .person("3507010606610004", "Sukarno", "1961-06-06", "M", "RIGHT_THUMB=fvc2002-db1b/104_1")
                .person("3507012106610005", "Joko Widodo", "1961-06-21", "M", "RIGHT_THUMB=fvc2002-db1b/105_1")
                .write(dir.resolve("first.jsonl"));
        Cli first = Cli.run("dedup", "--store", store.toString(), "--report", dir.resolve("first-report.jsonl").toString(),
                "--threads", "2", "--no-progress", manifest.toString());
        assertEquals(0, first.exitCode(), first.toString());

        assertEquals("3507015203900001", hits(store, "--name", "Sity Aminah").getFirst().get("nik").asText());
        assertEquals("Sukarno", hits(store, "--name", "Soekarno").getFirst().get("name").asText());
        assertEquals("Joko Widodo", hits(store, "--name", "Djoko").getFirst().get("name").asText());
        assertEquals("Mohammad Hatta", hits(store, "--name", "Muhamad").getFirst().get("name").asText());
        List<JsonNode> dated = hits(store, "--name", "Aminah", "--birth-date", "1990-03-12", "--sex", "F",
                "--limit", "1");
        assertEquals(1, dated.size());
        JsonNode top = dated.getFirst();
        assertEquals(1, top.get("rank").asInt());
        assertEquals("1990-03-12", top.get("birthDate").asText());
        assertEquals("F", top.get("sex").asText());
        assertTrue(top.get("score").asDouble() > 0, top.toString());
        assertEquals(List.of(), hits(store, "--name", "Aminah", "--sex", "M"));

        Cli bad = Cli.run("search", "--store", store.toString(), "--name", "Siti", "--birth-date", "12-03-1990");
        assertEquals(SatunikCli.CANNOT_RUN, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--birth-date '12-03-1990' is not a date"), bad.toString());
        Cli none = Cli.run("search", "--store", store.toString());
        assertTrue(none.err().contains("give a name or a birth date"), none.toString());

        // Siti Aminah's finger again, under a new NIK and the old spelling: a DUPLICATE with its look-alikes
        Path second = new Manifests()
                .person("3507015203900009", "Sity Aminah", "1990-03-12", "F", "RIGHT_THUMB=fvc2002-db1b/101_2")
                .write(dir.resolve("second.jsonl"));
        Path report = dir.resolve("second-report.jsonl");
        Cli dedup = Cli.run("dedup", "--store", store.toString(), "--report", report.toString(), "--threads", "2",
                "--no-progress", second.toString());
        assertEquals(0, dedup.exitCode(), dedup.toString());
        JsonNode line = Report.read(report).line(1);
        assertEquals("DUPLICATE", line.get("decision").asText(), line.toString());
        JsonNode lookAlikes = line.get("lookAlikes");
        assertEquals("3507015203900001", lookAlikes.get(0).get("nik").asText(), line.toString());
        assertTrue(lookAlikes.get(0).get("biometricMatch").asBoolean(), line.toString());
        assertEquals("Aminah", lookAlikes.get(1).get("name").asText(), line.toString());
        assertTrue(lookAlikes.get(1).get("biometricMatch") == null, line.toString());
    }

    private static List<JsonNode> hits(Path store, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("search", "--store", store.toString()));
        command.addAll(List.of(args));
        Cli cli = Cli.run(command);
        assertEquals(0, cli.exitCode(), cli.toString());
        return Report.parse(cli.outLines()).lines();
    }
}
