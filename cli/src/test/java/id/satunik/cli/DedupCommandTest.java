package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end: real FVC images, a real store in a temporary folder, the CLI run in-process. */
class DedupCommandTest {
    static final String SITI = "3507014101900001";
    static final String BUDI = "3273011505850002";
    static final String AGUS = "3174020309780004";

    @TempDir
    Path dir;

    @Test
    void everyRecordGetsOneDecisionInManifestOrderAndTheStoreKeepsThemAcrossRuns() throws IOException {
        Path tiny = dir.resolve("tiny.png");
        BufferedImage full = ImageIO.read(Manifests.image("fvc2002-db1b/108_1").toFile());
        ImageIO.write(full.getSubimage(140, 130, 100, 100), "png", tiny.toFile());
        Path corrupt = Files.writeString(dir.resolve("corrupt.png"), "this is not an image");
        Path manifest = new Manifests()
                .person(SITI, "Siti Aminah", "1990-01-01", "F",
                        "RIGHT_THUMB=fvc2002-db1b/104_1", "RIGHT_INDEX=fvc2002-db3b/104_1")          // 1
                .person(BUDI, "Budi Santoso", "1985-05-15", "M",
                        "RIGHT_THUMB=fvc2000-db1b/104_1", "LEFT_INDEX=fvc2002-db1b/105_1")           // 2
                .person("3578014101900007", "Siti Aminah", "1990-01-01", "F",
                        "RIGHT_THUMB=fvc2002-db1b/104_2", "RIGHT_INDEX=fvc2002-db3b/104_2")          // 3
                .person(BUDI, "Budi Santoso", "1985-05-15", "M",
                        "RIGHT_THUMB=fvc2000-db1b/104_2", "LEFT_INDEX=fvc2002-db1b/105_2")           // 4
                .person(SITI, "Rina Wati", null, null, "RIGHT_THUMB=fvc2000-db1b/106_1")            // 5
                .person("3507017102900005", "Bad Date", null, "F", "RIGHT_THUMB=fvc2000-db1b/106_1") // 6
                .person("3374015203950006", "Eko Prasetyo", "1995-03-12", "M", "1=fvc2000-db1b/106_1") // 7
                .person("3471025507910003", "Sri Wahyuni", "1991-07-16", "F", "1=fvc2000-db1b/106_1") // 8
                .person("3578021011800012", "Joko Susilo", null, null, "1=" + dir.resolve("none.png")) // 9
                .person("5103010101750001", "Wayan Sudarta", null, null, "1=" + corrupt)            // 10
                .person("7371014404880002", "Maria Ulfa", null, null, "1=" + tiny)                  // 11
                .raw("{\"nik\":\"1271011203880005\",\"fingers\":{\"1\":\"a.png\"}")                 // 12
                .raw("{\"name\":\"Tanpa NIK\",\"fingers\":{\"1\":\"a.png\"}}")                       // 13
                .raw("{\"nik\":\"1271011203880005\",\"fingers\":{\"RIGHT_TOE\":\"a.png\"}}")          // 14
                .raw("{\"nik\":\"1271011203880005\",\"birthDate\":\"1988-02-30\"}")                 // 15
                .raw("{\"nik\":\"1271011203880005\",\"dpi\":\"high\"}")                             // 16
                .raw("")                                                                          // 17
                .person(AGUS, "Agus Wijaya", "1978-09-03", "M", "RIGHT_THUMB=fvc2000-db3b/106_1")  // 18
                .write(dir.resolve("batch/manifest.jsonl"));
        Path store = dir.resolve("store");
        Path reportFile = dir.resolve("out/report.jsonl");

        Cli run = Cli.run("dedup", "--store", store.toString(), "--report", reportFile.toString(),
                "--threads", "2", "--capacity", "1000", manifest.toString());

        assertEquals(0, run.exitCode(), run.toString());
        Report report = Report.read(reportFile);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18), report.lineNumbers());
        assertEquals(List.of("ENROLLED", "ENROLLED", "DUPLICATE", "ALREADY_ENROLLED", "NIK_CONFLICT",
                "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED",
                "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "ENROLLED"), report.decisions());

        JsonNode duplicate = report.line(3);
        assertEquals("3578014101900007", duplicate.get("nik").asText());
        assertEquals(1, duplicate.get("matches").size(), duplicate.toString());
        JsonNode match = duplicate.get("matches").get(0);
        assertEquals(SITI, match.get("nik").asText());
        assertTrue(match.get("score").asDouble() >= 40, duplicate.toString());
        assertTrue(match.get("fingers").get("RIGHT_THUMB").asDouble() >= 40, duplicate.toString());
        assertTrue(match.get("fingers").has("RIGHT_INDEX"), duplicate.toString());
        assertEquals(BUDI, report.line(4).get("holder").get("nik").asText());
        assertTrue(report.line(4).get("holder").get("score").asDouble() >= 40);
        assertTrue(report.line(5).get("holder").get("score").asDouble() < 40);

        // each submitted finger's quality, in every biometric decision (issue 9): image and minutiae parts
        for (int line : new int[] {1, 2, 3, 4}) {
            JsonNode quality = report.line(line).get("fingerQuality");
            assertTrue(quality != null && quality.size() == 2, report.line(line).toString());
            for (JsonNode finger : quality) {
                assertTrue(finger.get("score").asDouble() > 0 && finger.get("score").asDouble() <= 100, quality.toString());
                assertTrue(finger.get("minutiae").asInt() >= 6, quality.toString());
                double reliable = finger.get("reliableMinutiae").asDouble();
                assertTrue(reliable > 0 && reliable <= 1, quality.toString());
                assertTrue(finger.get("ridgeArea").asDouble() > 0 && finger.get("coherence").asDouble() > 0,
                        quality.toString());
            }
        }
        assertTrue(report.line(1).get("fingerQuality").has("RIGHT_INDEX"), report.line(1).toString());
        assertTrue(report.line(6).get("fingerQuality") == null, "a rejected record has no quality");

        report.assertReason(6, "REJECTED", "invalid NIK", "February 90 has no day 31");
        report.assertReason(7, "REJECTED", "NIK and sex disagree");
        report.assertReason(8, "REJECTED", "NIK and birth date disagree");
        report.assertReason(9, "REJECTED", "image file not found", "none.png");
        report.assertReason(10, "REJECTED", "corrupt.png", "not a PNG, BMP, TIFF, JPEG or WSQ image, or corrupt");
        report.assertReason(11, "REJECTED", "too small to hold a fingerprint");
        report.assertReason(12, "REJECTED", "line 12: malformed JSON");
        report.assertReason(13, "REJECTED", "line 13: missing field \"nik\"");
        report.assertReason(14, "REJECTED", "line 14: ", "'RIGHT_TOE' is not one of");
        report.assertReason(15, "REJECTED", "line 15: ", "is not a date");
        report.assertReason(16, "REJECTED", "line 16: ", "\"dpi\" must be a whole number");
        assertEquals("1271011203880005", report.line(16).get("nik").asText());
        assertTrue(report.line(13).get("nik").isNull());

        assertTrue(run.err().contains("dedup: 17 records in "), run.err());
        assertTrue(run.err().contains("records/s") && run.err().contains("comparisons/s"), run.err());
        assertTrue(run.err().contains("ENROLLED 3  DUPLICATE 1  NIK_CONFLICT 1  ALREADY_ENROLLED 1  REJECTED 11"),
                run.err());
        assertTrue(!run.err().contains("%"), "no progress bar when stderr is not a terminal: " + run.err());

        Cli table = Cli.run("report", reportFile.toString());
        assertEquals(0, table.exitCode(), table.toString());
        assertEquals(18, table.outLines().size(), table.out());
        assertTrue(table.outLines().get(3).matches(" +3  3578014101900007  DUPLICATE +same person as NIK " + SITI + ".*"),
                table.out());

        // Reopened: the store remembers. Report on stdout this time, progress bar forced.
        Path again = new Manifests()
                .person(SITI, "Siti Aminah", "1990-01-01", "F", "RIGHT_THUMB=fvc2002-db1b/104_3")
                .person("3174020309780099", "Agus W.", null, null, "RIGHT_THUMB=fvc2000-db3b/106_2")
                .write(dir.resolve("again.jsonl"));
        Cli second = Cli.run("dedup", "--store", store.toString(), "--progress", again.toString());

        assertEquals(0, second.exitCode(), second.toString());
        Report stdout = Report.parse(second.outLines());
        assertEquals(List.of("ALREADY_ENROLLED", "DUPLICATE"), stdout.decisions());
        assertEquals(AGUS, stdout.line(2).get("matches").get(0).get("nik").asText());
        assertTrue(second.err().contains("100%  2/2 records"), second.err());

        Cli stats = Cli.run("stats", "--store", store.toString());
        assertEquals(0, stats.exitCode(), stats.toString());
        assertTrue(stats.out().contains("persons       3"), stats.out());
        assertTrue(stats.out().contains("fingerprints  5"), stats.out());
    }
}
