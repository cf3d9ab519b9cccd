package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --target-fpir: the threshold follows the gallery size, and every biometric decision says which it used. */
class TargetFpirTest {
    @TempDir
    Path dir;

    @Test
    void theThresholdGrowsWithTheGalleryAndIsInEveryDecision() throws IOException {
        Path manifest = new Manifests()
                .person("3507014101900001", "Siti Aminah", "1990-01-01", "F", "RIGHT_THUMB=fvc2002-db1b/104_1")  // 1
                .person("3273011505850002", "Budi Santoso", "1985-05-15", "M", "RIGHT_THUMB=fvc2000-db1b/104_1") // 2
                .person("3578014101900007", "Siti Aminah", "1990-01-01", "F", "RIGHT_THUMB=fvc2002-db1b/104_2")  // 3
                .raw("{\"nik\":\"123\"}")                                                                       // 4
                .write(dir.resolve("manifest.jsonl"));
        Path reportFile = dir.resolve("report.jsonl");
        Cli run = Cli.run("dedup", "--store", dir.resolve("store").toString(), "--report", reportFile.toString(),
                "--threads", "2", "--capacity", "100", "--target-fpir", "0.00001", manifest.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Report report = Report.read(reportFile);
        assertEquals(List.of("ENROLLED", "ENROLLED", "DUPLICATE", "REJECTED"), report.decisions());
        // -10 log10(1e-5 / N), N = persons enrolled before the decision (at least 1), never below 40
        assertEquals(50.0, report.line(1).get("threshold").asDouble(), 1e-9);
        assertEquals(50.0, report.line(2).get("threshold").asDouble(), 1e-9);
        assertEquals(53.0, report.line(3).get("threshold").asDouble(), 1e-9);
        assertTrue(report.line(3).get("matches").get(0).get("score").asDouble() >= 53.0);
        assertFalse(report.line(4).has("threshold"), "a rejected record was not decided on biometrics");

        Cli fixed = Cli.run("dedup", "--store", dir.resolve("store2").toString(), "--report",
                dir.resolve("r2.jsonl").toString(), "--threads", "1", "--capacity", "100", manifest.toString());
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertEquals(40.0, Report.read(dir.resolve("r2.jsonl")).line(3).get("threshold").asDouble(), 1e-9);
    }

    @Test
    void aTargetOutsideZeroToOneIsAUsageError() throws IOException {
        Path manifest = new Manifests().raw("{\"nik\":\"123\"}").write(dir.resolve("m.jsonl"));
        for (String fpir : List.of("0", "1", "-0.1", "NaN")) {
            Cli run = Cli.run("dedup", "--store", dir.resolve("s").toString(), "--target-fpir", fpir,
                    manifest.toString());
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().contains("target"), run.toString());
        }
    }
}
