package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import id.satunik.testing.AnsiNistFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIST's reference ten-print card deduplicated end to end: the Type-4 transaction enrolls the person's ten
 * fingers, the Type-14 transaction of the same card under another NIK is found as its DUPLICATE, bad
 * transactions are rejected naming the file, and a manifest line can point at a transaction.
 */
class AnsiNistDedupTest {
    static final String SITI = "3507014101900001";
    static final String OTHER_NIK = "3578014101900007";

    @TempDir
    Path dir;

    @Test
    void tenPrintCardEnrolledThenFoundAsDuplicateFromAFolderOfTransactions() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("incoming"));
        Map<Integer, String> siti = Map.of(16, SITI, 18, "AMINAH,SITI", 20, "Kab. Malang", 22, "19900101", 24, "F");
        AnsiNistFiles.withType2("type-4-tpcard.an2", siti, folder.resolve("a-card.an2"));
        AnsiNistFiles.withType2("type-14-tpcard-nqm.an2",
                Map.of(16, OTHER_NIK, 18, "AMINAH,SITI", 22, "19900101", 24, "F"), folder.resolve("b-card-again.eft"));
        Files.writeString(folder.resolve("c-garbage.an2"), "not a transaction");
        Files.copy(AnsiNistFiles.reference("type-10-14-17-piv-index-iris.an2"), folder.resolve("d-piv.an2"));
        Files.copy(AnsiNistFiles.reference("type-17-iris.an2"), folder.resolve("e-no-nik.an2"));
        Files.writeString(folder.resolve("notes.txt"), "not a transaction either: ignored by extension");
        Path store = dir.resolve("store");
        Path reportFile = dir.resolve("report.jsonl");

        Cli run = Cli.run("dedup", "--store", store.toString(), "--report", reportFile.toString(), "--capacity", "100",
                "--threads", "2", folder.toString());

        assertEquals(0, run.exitCode(), run.toString());
        Report report = Report.read(reportFile);
        assertEquals(List.of(1, 2, 3, 4, 5), report.lineNumbers(), "one record per transaction, in name order");
        assertEquals(List.of("ENROLLED", "DUPLICATE", "REJECTED", "REJECTED", "REJECTED"), report.decisions());
        assertEquals(SITI, report.line(1).get("nik").asText());
        JsonNode duplicate = report.line(2);
        assertEquals(OTHER_NIK, duplicate.get("nik").asText());
        JsonNode match = duplicate.get("matches").get(0);
        assertEquals(SITI, match.get("nik").asText());
        assertEquals(10, match.get("fingers").size(), "all ten rolled fingers compared: " + match);
        assertTrue(match.get("score").asDouble() > 200, match.toString());
        report.assertReason(3, "REJECTED", "c-garbage.an2", "not a readable ANSI/NIST-ITL transaction");
        report.assertReason(4, "REJECTED", "d-piv.an2", "Type-14 record IDC 03", "JPEGL");
        report.assertReason(5, "REJECTED", "e-no-nik.an2", "no NIK in Type-2 field 2.016");

        // A manifest line may point at a transaction; what the line says must agree with the transaction.
        Path manifest = dir.resolve("m/manifest.jsonl");
        Files.createDirectories(manifest.getParent());
        Files.write(manifest, List.of(
                "{\"ansiNist\":\"../incoming/a-card.an2\"}",
                "{\"nik\":\"" + OTHER_NIK + "\",\"name\":\"Rina\",\"ansiNist\":\"../incoming/b-card-again.eft\"}",
                "{\"nik\":\"3273011505850002\",\"ansiNist\":\"../incoming/e-no-nik.an2\",\"sex\":\"M\","
                        + "\"fingers\":{\"RIGHT_THUMB\":\"" + AnsiNistFiles.reference("x").getParent().getParent().getParent()
                        .resolve("fingerprint/fvc2000-db1b/101_1.tif") + "\"}}"));
        Path second = dir.resolve("report2.jsonl");
        Cli again = Cli.run("dedup", "--store", store.toString(), "--report", second.toString(), manifest.toString());
        assertEquals(0, again.exitCode(), again.toString());
        Report r2 = Report.read(second);
        assertEquals("ALREADY_ENROLLED", r2.line(1).get("decision").asText(), r2.line(1).toString());
        r2.assertReason(2, "REJECTED", "\"name\" is Rina in the line but SITI AMINAH in", "b-card-again.eft");
        assertEquals("ENROLLED", r2.line(3).get("decision").asText(), "NIK from the line, eye from the file, "
                + "thumb from the line: " + r2.line(3));
    }
}
