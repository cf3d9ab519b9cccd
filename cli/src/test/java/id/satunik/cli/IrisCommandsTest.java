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

    @Test
    void statsCountsIrisesPerEye() {
        Cli stats = Cli.run("stats", "--store", store.toString());
        assertEquals(0, stats.exitCode(), stats.toString());
        assertTrue(stats.out().contains("persons       2"), stats.out());
        assertTrue(stats.out().contains("irises        3 (right 1, left 2)"), stats.out());
    }
}
