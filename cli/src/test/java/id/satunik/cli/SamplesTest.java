package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled demo sample ({@code samples/manifest.jsonl}) gives the decisions the README promises, line by
 * line. If you change the sample, change the README's table with it.
 */
class SamplesTest {
    static final Path MANIFEST = Path.of("../samples/manifest.jsonl");

    @TempDir
    Path dir;

    @Test
    void theDemoSampleShowsEveryDecision() throws IOException {
        assertTrue(Files.isRegularFile(MANIFEST), "run from the cli module folder: " + MANIFEST.toAbsolutePath());
        Path reportFile = dir.resolve("report.jsonl");

        Cli run = Cli.run("dedup", "--store", dir.resolve("store").toString(), "--report", reportFile.toString(),
                "--capacity", "1000", MANIFEST.toString());

        assertEquals(0, run.exitCode(), run.toString());
        Report report = Report.read(reportFile);
        assertEquals(List.of(
                "ENROLLED", "ENROLLED", "ENROLLED", "ENROLLED",   // 1-4: four persons, 2-3 fingers each
                "DUPLICATE", "DUPLICATE",                         // 5-6: persons 1 and 2 again, under new NIKs
                "ALREADY_ENROLLED", "ALREADY_ENROLLED",           // 7-8: persons 1 and 3 again, own NIKs
                "NIK_CONFLICT",                                   // 9: person 4's NIK, someone else's fingers
                "REJECTED", "REJECTED", "REJECTED", "REJECTED",   // 10-13: NIK errors
                "REJECTED", "REJECTED", "REJECTED",               // 14-16: image errors
                "REJECTED", "REJECTED"),                          // 17-18: manifest errors
                report.decisions());
        assertEquals("3507014101900001", report.line(5).get("matches").get(0).get("nik").asText());
        assertEquals("3273011505850002", report.line(6).get("matches").get(0).get("nik").asText());
        report.assertReason(10, "REJECTED", "invalid NIK: day 71 is not a valid date for a woman");
        report.assertReason(11, "REJECTED", "invalid NIK: province code 20 is not on the Kemendagri list");
        report.assertReason(12, "REJECTED", "NIK and sex disagree");
        report.assertReason(13, "REJECTED", "NIK and birth date disagree");
        report.assertReason(14, "REJECTED", "image file not found");
        report.assertReason(15, "REJECTED", "corrupt image");
        report.assertReason(16, "REJECTED", "too small to hold a fingerprint");
        report.assertReason(17, "REJECTED", "line 17: malformed JSON");
        report.assertReason(18, "REJECTED", "line 18: missing field \"nik\"");
        assertTrue(run.err().contains("ENROLLED 4  DUPLICATE 2  NIK_CONFLICT 1  ALREADY_ENROLLED 2  REJECTED 9"),
                run.err());
    }

    @Test
    void theBundledImagesAreSmallAndHoldNoIris() throws IOException {
        long bytes;
        try (var files = Files.walk(MANIFEST.getParent())) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            bytes = all.stream().mapToLong(file -> file.toFile().length()).sum();
            assertTrue(all.stream().noneMatch(file -> file.toString().toLowerCase().contains("iris")
                    || file.toString().toLowerCase().contains("casia")), all.toString());
        }
        assertTrue(bytes < 3_000_000, "the sample should stay a few MB at most, is " + bytes + " bytes");
        assertTrue(Files.isRegularFile(MANIFEST.resolveSibling("ATTRIBUTION.md")));
    }
}
