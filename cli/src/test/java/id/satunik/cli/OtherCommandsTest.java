package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** enroll, identify, verify and stats over one store loaded once. */
class OtherCommandsTest {
    static final String FIRST = "3507011203880001";
    static final String SECOND = "3507011203880002";
    static final String THIRD = "3507011203880003";

    @TempDir
    static Path dir;
    static Path store;
    static Cli enroll;

    @BeforeAll
    static void enrollWithoutSearch() throws IOException {
        store = dir.resolve("store");
        Path manifest = new Manifests()
                .person(FIRST, "First", null, "M", "RIGHT_THUMB=fvc2002-db1b/102_1", "RIGHT_INDEX=fvc2002-db3b/102_1")
                .person(FIRST, "First again", null, "M", "RIGHT_THUMB=fvc2002-db1b/106_1")
                .person(SECOND, "Second", null, null, "RIGHT_THUMB=fvc2000-db1b/103_1")
                // enroll does not search: the same finger under another NIK goes in
                .person(THIRD, "Second's twin", null, null, "RIGHT_THUMB=fvc2000-db1b/103_3")
                .raw("{\"nik\":\"" + THIRD + "\",\"fingers\":{\"LEFT_TOE\":\"x.png\"}}")
                .write(dir.resolve("load.jsonl"));
        enroll = Cli.run("enroll", "--store", store.toString(), "--report", dir.resolve("load.report").toString(),
                "--capacity", "1000", manifest.toString());
    }

    @Test
    void enrollAddsRecordsInManifestOrderWithoutSearch() throws IOException {
        assertEquals(0, enroll.exitCode(), enroll.toString());
        Report report = Report.read(dir.resolve("load.report"));
        assertEquals(List.of("ENROLLED", "REJECTED", "ENROLLED", "ENROLLED", "REJECTED"), report.decisions());
        report.assertReason(2, "REJECTED", "already enrolled");
        report.assertReason(5, "REJECTED", "line 5: ", "LEFT_TOE");
        assertTrue(enroll.err().contains("enroll: 5 records in "), enroll.err());
    }

    @Test
    void identifyRanksTheEnrolledPersonFirst() throws IOException {
        Cli byFinger = Cli.run("identify", "--store", store.toString(),
                "--finger", "RIGHT_THUMB=" + Manifests.image("fvc2002-db1b/102_2"),
                "--finger", "2=" + Manifests.image("fvc2002-db3b/102_2"));
        assertEquals(0, byFinger.exitCode(), byFinger.toString());
        JsonNode result = Json.MAPPER.readTree(byFinger.out());
        assertEquals(40.0, result.get("threshold").asDouble());
        JsonNode best = result.get("candidates").get(0);
        assertEquals(FIRST, best.get("nik").asText(), result.toString());
        assertTrue(best.get("match").asBoolean(), result.toString());
        assertTrue(best.get("fingers").has("RIGHT_INDEX"), result.toString());
        // the probe fingers' quality, as in a dedup decision
        JsonNode quality = result.get("fingerQuality");
        assertTrue(quality != null && quality.has("RIGHT_THUMB") && quality.has("RIGHT_INDEX"), result.toString());
        assertTrue(quality.get("RIGHT_THUMB").get("minutiae").asInt() >= 6, result.toString());
        for (JsonNode other : result.get("candidates")) {
            if (!other.get("nik").asText().equals(FIRST)) {
                assertFalse(other.get("match").asBoolean(), result.toString());
            }
        }

        Path record = Files.writeString(dir.resolve("probe.json"), """
                {
                  "fingers": {"RIGHT_THUMB": "%s"}
                }
                """.formatted(Manifests.image("fvc2000-db1b/103_2")));
        Cli byRecord = Cli.run("identify", "--store", store.toString(), record.toString());
        assertEquals(0, byRecord.exitCode(), byRecord.toString());
        JsonNode candidates = Json.MAPPER.readTree(byRecord.out()).get("candidates");
        List<String> matching = new java.util.ArrayList<>();
        candidates.forEach(c -> {
            if (c.get("match").asBoolean()) {
                matching.add(c.get("nik").asText());
            }
        });
        assertEquals(List.of(SECOND, THIRD), matching.stream().sorted().toList(), candidates.toString());
    }

    @Test
    void identifyRefusesUnusableInput() {
        Cli noProbe = Cli.run("identify", "--store", store.toString());
        assertEquals(2, noProbe.exitCode(), noProbe.toString());
        assertTrue(noProbe.err().contains("give either RECORD.json or --finger"), noProbe.err());

        Cli badPosition = Cli.run("identify", "--store", store.toString(), "--finger", "THUMB=a.png");
        assertEquals(2, badPosition.exitCode(), badPosition.toString());
        assertTrue(badPosition.err().contains("'THUMB' is not one of"), badPosition.err());

        Cli missingImage = Cli.run("identify", "--store", store.toString(), "--finger", "1=" + dir.resolve("no.png"));
        assertEquals(2, missingImage.exitCode(), missingImage.toString());
        assertTrue(missingImage.err().contains("image file not found"), missingImage.err());

        Cli noStore = Cli.run("identify", "--store", dir.resolve("typo").toString(), "--finger", "1=a.png");
        assertEquals(2, noStore.exitCode(), noStore.toString());
        assertTrue(noStore.err().contains("no store at"), noStore.err());
        assertFalse(Files.exists(dir.resolve("typo")), "a reading command must not create a store");
    }

    @Test
    void verifyComparesTwoImages() {
        Cli same = Cli.run("verify", Manifests.image("fvc2002-db1b/104_1").toString(),
                Manifests.image("fvc2002-db1b/104_2").toString());
        assertEquals(0, same.exitCode(), same.toString());
        assertTrue(same.out().strip().endsWith("MATCH (threshold 40.0)") && !same.out().contains("NO MATCH"),
                same.out());
        double score = Double.parseDouble(same.out().strip().split(" ")[0]);
        assertTrue(score >= 40, same.out());

        Cli different = Cli.run("verify", "--dpi", "500", Manifests.image("fvc2002-db1b/104_1").toString(),
                Manifests.image("fvc2002-db1b/105_1").toString());
        assertEquals(0, different.exitCode(), different.toString());
        assertTrue(different.out().contains("NO MATCH"), different.out());

        Cli missing = Cli.run("verify", dir.resolve("a.png").toString(), dir.resolve("b.png").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().startsWith("satunik verify: ") && missing.err().contains("image file not found"),
                missing.err());
    }

    @Test
    void statsCountsPersonsAndFingerprintsAndSizesTheFiles() {
        Cli stats = Cli.run("stats", "--store", store.toString());
        assertEquals(0, stats.exitCode(), stats.toString());
        assertTrue(stats.out().contains("persons       3"), stats.out());
        assertTrue(stats.out().contains("fingerprints  4"), stats.out());
        assertTrue(stats.out().matches("(?s).*total\\s+[0-9.]+ [KMG]?i?B\\s+\\([0-9,]+ bytes\\).*"), stats.out());
    }
}
