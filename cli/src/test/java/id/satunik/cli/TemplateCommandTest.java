package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard minutia templates out ({@code satunik template}) and back in, in place of images. */
class TemplateCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportedTemplatesStandInForImagesInVerifyAndDedup() throws IOException {
        Path iso = dir.resolve("out/siti-thumb.iso");
        Cli export = Cli.run("template", "--format", "iso-19794-2-2005", "-o", iso.toString(),
                Manifests.image("fvc2002-db1b/104_1").toString());
        assertEquals(0, export.exitCode(), export.toString());
        assertTrue(export.out().contains("ISO/IEC 19794-2:2005") && export.out().contains("minutiae"), export.out());
        byte[] bytes = Files.readAllBytes(iso);
        assertEquals("FMR", new String(bytes, 0, 3, java.nio.charset.StandardCharsets.US_ASCII));
        Path ansi = dir.resolve("siti-index.ansi");
        assertEquals(0, Cli.run("template", "--format", "ansi-378-2004", "-o", ansi.toString(),
                Manifests.image("fvc2002-db3b/104_1").toString()).exitCode());

        Cli verify = Cli.run("verify", iso.toString(), Manifests.image("fvc2002-db1b/104_2").toString());
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(verify.out().contains(" MATCH"), "template vs image of the same finger: " + verify.out());

        // Enrolled from images; the same person sent as templates under another NIK is found.
        Path manifest = new Manifests()
                .person(DedupCommandTest.SITI, "Siti Aminah", "1990-01-01", "F",
                        "RIGHT_THUMB=fvc2002-db1b/104_2", "RIGHT_INDEX=fvc2002-db3b/104_2")
                .person("3578014101900007", "Siti Aminah", "1990-01-01", "F",
                        "RIGHT_THUMB=" + iso, "RIGHT_INDEX=" + ansi)
                .write(dir.resolve("manifest.jsonl"));
        Path report = dir.resolve("report.jsonl");
        Cli dedup = Cli.run("dedup", "--store", dir.resolve("store").toString(), "--capacity", "100",
                "--report", report.toString(), manifest.toString());
        assertEquals(0, dedup.exitCode(), dedup.toString());
        assertEquals(List.of("ENROLLED", "DUPLICATE"), Report.read(report).decisions());

        Cli badFormat = Cli.run("template", "--format", "iso-2099", "-o", iso.toString(), iso.toString());
        assertEquals(2, badFormat.exitCode());
        assertTrue(badFormat.err().contains("unknown template format \"iso-2099\""), badFormat.err());
    }
}
