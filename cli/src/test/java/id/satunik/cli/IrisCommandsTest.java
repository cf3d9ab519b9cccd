package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The iris in verify, identify and stats: real eyes of CASIA-Iris-Interval and IITD (other camera). */
class IrisCommandsTest {
    static final String FIRST = "3507011203880001";
    static final String SECOND = "3507011203880002";

    @TempDir
    static Path dir;
    static Path store;

    static Path casia(String name) {
        return SharedData.root().resolve("iris/casia-iris-interval").resolve(name);
    }

    static Path iitd(String name) {
        return SharedData.root().resolve("iris/iitd").resolve(name);
    }

    @BeforeAll
    static void enrollTwoPersonsWithIrises() throws IOException {
        store = dir.resolve("store");
        String first = "{\"nik\":\"" + FIRST + "\",\"irises\":{\"RIGHT\":\"" + casia("S1001R01.jpg")
                + "\",\"LEFT\":\"" + casia("S1001L01.jpg") + "\"}}";
        String second = "{\"nik\":\"" + SECOND + "\",\"irises\":{\"LEFT\":\"" + iitd("030/01_L.png") + "\"}}";
        Path manifest = Files.write(dir.resolve("eyes.jsonl"), List.of(first, second));
        Cli enroll = Cli.run("enroll", "--store", store.toString(), "--report", dir.resolve("eyes.report").toString(),
                "--capacity", "1000", manifest.toString());
        assertEquals(0, enroll.exitCode(), enroll.toString());
        assertEquals(List.of("ENROLLED", "ENROLLED"), Report.read(dir.resolve("eyes.report")).decisions());
    }

    @Test
    void verifyComparesTwoEyesAsIrises() {
        // two captures of one eye, from each camera
        for (String[] pair : new String[][] {
                {casia("S1001R01.jpg").toString(), casia("S1001R03.jpg").toString()},
                {iitd("030/01_L.png").toString(), iitd("030/03_L.png").toString()}}) {
            Cli same = Cli.run("verify", "--modality", "iris", pair[0], pair[1]);
            assertEquals(0, same.exitCode(), same.toString());
            assertTrue(same.out().contains(" MATCH (threshold 40.0; iris distance ") && !same.out().contains("NO MATCH"),
                    same.out());
            assertTrue(Double.parseDouble(same.out().strip().split(" ")[0]) >= 40, same.out());
            assertTrue(same.out().matches("(?s).*quality \\d+ and \\d+\\).*"), same.out());
        }
        Cli different = Cli.run("verify", "--modality", "iris", casia("S1001R01.jpg").toString(),
                iitd("030/01_L.png").toString());
        assertEquals(0, different.exitCode(), different.toString());
        assertTrue(different.out().contains("NO MATCH"), different.out());

        // a fingerprint is no eye: exit 2 with the reason
        Cli finger = Cli.run("verify", "--modality", "iris", casia("S1001R01.jpg").toString(),
                Manifests.image("fvc2002-db1b/104_1").toString());
        assertEquals(2, finger.exitCode(), finger.toString());
        assertTrue(finger.err().contains("104_1")
                && (finger.err().contains("no iris found") || finger.err().contains("usable iris area too small")),
                finger.err());
    }

    @Test
    void identifyByIrisFindsTheEnrolledPerson() throws IOException {
        Cli byEyes = Cli.run("identify", "--store", store.toString(),
                "--iris", "RIGHT=" + casia("S1001R02.jpg"), "--iris", "L=" + casia("S1001L02.jpg"));
        assertEquals(0, byEyes.exitCode(), byEyes.toString());
        JsonNode best = Json.MAPPER.readTree(byEyes.out()).get("candidates").get(0);
        assertEquals(FIRST, best.get("nik").asText(), byEyes.out());
        assertTrue(best.get("match").asBoolean(), byEyes.out());
        assertTrue(best.get("irises").has("RIGHT") && best.get("irises").has("LEFT"), byEyes.out());

        Cli otherCamera = Cli.run("identify", "--store", store.toString(), "--iris", "LEFT=" + iitd("030/04_L.png"));
        assertEquals(0, otherCamera.exitCode(), otherCamera.toString());
        JsonNode found = Json.MAPPER.readTree(otherCamera.out()).get("candidates").get(0);
        assertEquals(SECOND, found.get("nik").asText(), otherCamera.out());

        Cli badEye = Cli.run("identify", "--store", store.toString(), "--iris", "MIDDLE=" + casia("S1001R02.jpg"));
        assertEquals(2, badEye.exitCode(), badEye.toString());
        assertTrue(badEye.err().contains("--iris") && badEye.err().contains("MIDDLE"), badEye.err());
    }

    /** Every used eye's quality in the decision and in identify; an eye below the operator's minimum is dropped. */
    @Test
    void eachEyesQualityIsReportedAndTheOperatorsMinimumDropsPoorEyes() throws IOException {
        Report enrolled = Report.read(dir.resolve("eyes.report"));
        JsonNode both = enrolled.line(1).get("irisQuality");
        assertTrue(both != null && both.has("RIGHT") && both.has("LEFT"), enrolled.line(1).toString());
        for (JsonNode eye : both) {
            assertTrue(eye.get("score").asDouble() > 50 && eye.get("score").asDouble() <= 100, both.toString());
            assertTrue(eye.get("usableArea").asDouble() > 0.5 && eye.get("margin").asDouble() > 0.5, both.toString());
            double ratio = eye.get("irisPupilRatio").asDouble();
            assertTrue(ratio > 0.2 && ratio < 0.7, both.toString());
            assertTrue(eye.get("sharpness").asDouble() > 0 && eye.has("pupilContrast") && eye.has("irisContrast")
                    && eye.has("concentricity"), both.toString());
        }
        assertEquals(List.of("LEFT"), names(enrolled.line(2).get("irisQuality")), enrolled.line(2).toString());

        Cli identify = Cli.run("identify", "--store", store.toString(), "--iris", "RIGHT=" + casia("S1001R02.jpg"),
                "--iris", "LEFT=" + iitd("030/04_L.png"));
        assertEquals(0, identify.exitCode(), identify.toString());
        JsonNode probe = Json.MAPPER.readTree(identify.out());
        assertEquals(List.of("RIGHT", "LEFT"), names(probe.get("irisQuality")), identify.out());

        // the CASIA eye scores 100, the IITD eye (lashes over part of its iris) lower: a minimum between them
        double casiaEye = both.get("RIGHT").get("score").asDouble();
        double iitdEye = enrolled.line(2).get("irisQuality").get("LEFT").get("score").asDouble();
        assertTrue(iitdEye < casiaEye - 2, casiaEye + " vs " + iitdEye);
        String minimum = String.valueOf(Math.floor(iitdEye) + 1);
        Cli strict = Cli.run("identify", "--store", store.toString(), "--min-iris-quality", minimum,
                "--iris", "RIGHT=" + casia("S1001R02.jpg"), "--iris", "LEFT=" + iitd("030/04_L.png"));
        assertEquals(0, strict.exitCode(), strict.toString());
        JsonNode strictProbe = Json.MAPPER.readTree(strict.out());
        assertEquals(List.of("RIGHT"), names(strictProbe.get("irisQuality")), strict.out());
        assertTrue(strictProbe.at("/irisRefused/LEFT").asText().matches(
                "LEFT iris image .*04_L.png: iris quality \\d+\\.\\d below the minimum " + minimum + ": .*usable area.*"),
                strict.out());

        String record = "{\"nik\":\"3507011203880003\",\"irises\":{\"RIGHT\":\"" + casia("S1002R01.jpg")
                + "\",\"LEFT\":\"" + iitd("030/01_L.png") + "\"}}";
        String onlyPoor = "{\"nik\":\"3507011203880004\",\"irises\":{\"LEFT\":\"" + iitd("031/01_L.png") + "\"}}";
        Path manifest = Files.write(dir.resolve("strict.jsonl"), List.of(record, onlyPoor));
        Path report = dir.resolve("strict.report");
        Cli dedup = Cli.run("dedup", "--store", dir.resolve("strict-store").toString(), "--report", report.toString(),
                "--capacity", "1000", "--min-iris-quality", minimum, manifest.toString());
        Report decided = Report.read(report);
        assertEquals("ENROLLED", decided.line(1).get("decision").asText(), decided.line(1).toString());
        assertEquals(List.of("RIGHT"), names(decided.line(1).get("irisQuality")), decided.line(1).toString());
        decided.assertReason(1, "ENROLLED", "LEFT iris image ", "01_L.png: iris quality", "below the minimum");
        decided.assertReason(2, "REJECTED", "no usable iris", "below the minimum");

        Cli bad = Cli.run("identify", "--store", store.toString(), "--min-iris-quality", "101",
                "--iris", "RIGHT=" + casia("S1001R02.jpg"));
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("minIrisQuality must be 0..100"), bad.err());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    @Test
    void statsCountsIrisesPerEye() {
        Cli stats = Cli.run("stats", "--store", store.toString());
        assertEquals(0, stats.exitCode(), stats.toString());
        assertTrue(stats.out().contains("persons       2"), stats.out());
        assertTrue(stats.out().contains("irises        3 (right 1, left 2)"), stats.out());
    }
}
