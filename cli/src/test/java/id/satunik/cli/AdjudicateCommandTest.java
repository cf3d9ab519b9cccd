package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import id.satunik.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * satunik adjudicate end to end: a dedup over real FVC prints and CASIA eyes gives a DUPLICATE and a NIK_CONFLICT,
 * their pages show both records, the scores, the paired minutiae and the iris codes, and a real browser (headless
 * Chromium) draws them.
 */
class AdjudicateCommandTest {
    static final String FIRST = "3507011203880001";
    static final String SECOND = "3507011203880002";
    static final String COPY = "3507011203880003";
    static final String MISSING_IMAGE = "3507011203880005";
    static final String UNKNOWN = "3507011203880099";

    @TempDir
    static Path dir;
    static Path store;
    static Path manifest;
    static Path report;
    static Report decisions;

    static String casia(String name) {
        return SharedData.root().resolve("iris/casia-iris-interval").resolve(name).toString();
    }

    static String fvc(String spec) {
        return Manifests.image(spec).toString();
    }

    static String record(String nik, String name, String thumb, String index, String rightEye) {
        StringBuilder line = new StringBuilder("{\"nik\":\"" + nik + "\",\"name\":\"" + name + "\",\"region\":\"Malang\","
                + "\"fingers\":{\"RIGHT_THUMB\":\"" + thumb + "\"");
        if (index != null) {
            line.append(",\"RIGHT_INDEX\":\"").append(index).append('"');
        }
        line.append('}');
        if (rightEye != null) {
            line.append(",\"irises\":{\"RIGHT\":\"").append(rightEye).append("\"}");
        }
        return line.append('}').toString();
    }

    @BeforeAll
    static void dedup() throws IOException {
        store = dir.resolve("store");
        Path doomed = Files.copy(Manifests.image("fvc2002-db1b/101_4"), dir.resolve("101_4-copy.tif"));
        manifest = Files.write(dir.resolve("batch.jsonl"), List.of(
                record(FIRST, "Siti Aminah", fvc("fvc2002-db1b/101_1"), fvc("fvc2002-db1b/102_1"), casia("S1001R01.jpg")),
                record(SECOND, "Budi Santoso", fvc("fvc2002-db1b/103_1"), null, null),
                // the first person again under a new NIK: a DUPLICATE
                record(COPY, "Sity Aminah", fvc("fvc2002-db1b/101_2"), fvc("fvc2002-db1b/102_2"), casia("S1001R02.jpg")),
                // the first person's thumb under the second person's NIK: a NIK_CONFLICT
                record(SECOND, "Budi Santoso", fvc("fvc2002-db1b/101_3"), null, null),
                // a DUPLICATE whose image is gone by the time of the adjudication
                record(MISSING_IMAGE, "Siti A.", doomed.toString(), null, null)));
        report = dir.resolve("report.jsonl");
        Cli dedup = Cli.run("dedup", "--store", store.toString(), "--capacity", "1000", "--report", report.toString(),
                manifest.toString());
        assertEquals(0, dedup.exitCode(), dedup.toString());
        decisions = Report.read(report);
        assertEquals(List.of("ENROLLED", "ENROLLED", "DUPLICATE", "NIK_CONFLICT", "DUPLICATE"), decisions.decisions(),
                decisions.toString());
        Files.delete(doomed);
        // a report line that is not JSON, and a case naming a NIK the store does not hold
        Files.write(report, List.of("{\"line\":9,\"nik\":", "{\"line\":2,\"nik\":\"" + SECOND + "\",\"decision\":"
                + "\"DUPLICATE\",\"matches\":[{\"nik\":\"" + UNKNOWN + "\",\"score\":55.0,\"fingers\":{}}],\"reason\":\"x\"}"),
                java.nio.file.StandardOpenOption.APPEND);
    }

    static int paired(String page) {
        Matcher m = Pattern.compile("<span class=\"paired\">(\\d+)</span>").matcher(page);
        int sum = 0;
        while (m.find()) {
            sum += Integer.parseInt(m.group(1));
        }
        return sum;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void writesAPagePerCaseWithTheEvidence() throws Exception {
        Path out = dir.resolve("pages");
        Cli run = Cli.run("adjudicate", "--store", store.toString(), "--manifest", manifest.toString(),
                "--out", out.toString(), report.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("4 case pages and index.html written to " + out), run.out());

        // bad input: named, and the rest goes on
        assertTrue(run.err().contains("report line 6: malformed JSON"), run.err());
        assertTrue(run.err().contains("case line 2 (NIK " + SECOND + "): NIK " + UNKNOWN + " is not enrolled"), run.err());
        assertTrue(run.err().contains("case line 5 (NIK " + MISSING_IMAGE + "): RIGHT_THUMB: cannot read the submitted"
                + " image") && run.err().contains("image file not found"), run.err());

        String index = Files.readString(out.resolve("index.html"));
        for (String file : List.of("case-line3-" + COPY, "case-line4-" + SECOND, "case-line5-" + MISSING_IMAGE)) {
            assertTrue(index.contains("href=\"" + file + ".html\""), file + " in " + index);
        }
        assertTrue(index.contains("Problems") && index.contains("malformed JSON"), index);

        JsonNode duplicate = decisions.line(3);
        String page = Files.readString(out.resolve("case-line3-" + COPY + ".html"));
        assertTrue(page.contains("DUPLICATE") && page.contains("NIK " + COPY) && page.contains("NIK " + FIRST), "NIKs");
        assertTrue(page.contains("Sity Aminah") && page.contains("Siti Aminah") && page.contains("Malang"), "names");
        assertTrue(page.contains(Html.escape(duplicate.get("reason").asText())), "reason");
        assertTrue(page.contains("person score 40.0"), "threshold");
        JsonNode match = duplicate.get("matches").get(0);
        assertTrue(page.contains("person score <span class=\"score\">" + Html.score(match.get("score").asDouble())), "score");
        for (String position : List.of("RIGHT_THUMB", "RIGHT_INDEX")) {
            assertTrue(page.contains(position + " &mdash; finger score <span class=\"score\">"
                    + Html.score(match.get("fingers").get(position).asDouble()) + "</span>"), position);
        }
        assertTrue(page.contains("RIGHT eye &mdash; iris score <span class=\"score\">"
                + Html.score(match.get("irises").get("RIGHT").asDouble()) + "</span>"), "iris score");
        int paired = paired(page);
        assertTrue(paired > 0, "paired minutiae");
        assertEquals(paired, count(page, "<line class=\"pair\""), "one line per pair");
        // the enrolled person's images come from the report's own ENROLLED line, and give its stored templates
        assertEquals(2, count(page, "<image class=\"submitted\""));
        assertEquals(2, count(page, "<image class=\"enrolled\""));
        assertEquals(2, count(page, "alt=\"iris code\""));
        assertEquals(2, count(page, "alt=\"iris mask\""));
        assertEquals(2, count(page, "alt=\"submitted eye\"") + count(page, "alt=\"enrolled eye\""), "both eyes");
        assertFalse(page.contains("class=\"problem\""), "no problem on a sound case");

        String conflict = Files.readString(out.resolve("case-line4-" + SECOND + ".html"));
        assertTrue(conflict.contains("NIK_CONFLICT") && conflict.contains("Enrolled under this NIK: NIK " + SECOND)
                && conflict.contains("Biometric match: NIK " + FIRST), "both NIKs");
        assertTrue(conflict.contains("below the threshold: not the same person"), "holder below the threshold");
        assertTrue(paired(conflict) > 0, "paired minutiae");

        String missing = Files.readString(out.resolve("case-line5-" + MISSING_IMAGE + ".html"));
        assertTrue(missing.contains("class=\"problem\"") && missing.contains("image file not found"), missing);

        screenshot(out.resolve("case-line3-" + COPY + ".html"));
    }

    @Test
    void drawsTheStoredMinutiaeWhenNoImageOfTheEnrolledPersonIsKnown() throws IOException {
        // only the DUPLICATE's line: the ENROLLED line with the first person's images is not in this report
        Path alone = Files.write(dir.resolve("alone.jsonl"), List.of(Files.readAllLines(report).get(2)));
        Path out = dir.resolve("alone");
        Cli run = Cli.run("adjudicate", "--store", store.toString(), "--manifest", manifest.toString(),
                "--out", out.toString(), "--case", COPY, alone.toString());
        assertEquals(0, run.exitCode(), run.toString());
        String page = Files.readString(out.resolve("case-line3-" + COPY + ".html"));
        assertTrue(page.contains("No image of the enrolled person is known"), "said on the page");
        assertEquals(2, count(page, "<rect class=\"enrolled blank\""));
        assertTrue(paired(page) > 0);
        assertTrue(page.contains("no image: the store keeps the iris code only"));

        // with the manifest it was enrolled from, the images are back
        Path again = dir.resolve("again");
        Cli gallery = Cli.run("adjudicate", "--store", store.toString(), "--manifest", manifest.toString(),
                "--gallery-manifest", manifest.toString(), "--out", again.toString(), alone.toString());
        assertEquals(0, gallery.exitCode(), gallery.toString());
        assertEquals(2, count(Files.readString(again.resolve("case-line3-" + COPY + ".html")), "<image class=\"enrolled\""));
    }

    /** Headless Chromium draws the page; the picture is the window's size, not blank, and shows the
     * minutiae and pairing lines (the only colour on the prints). */
    static void screenshot(Path page) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assertTrue(Files.isExecutable(chromium), "headless Chromium is needed (Debian package chromium; .ci/run installs it)");
        Path png = page.resolveSibling("screenshot.png");
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--screenshot=" + png, "--window-size=1280,1600", page.toUri().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(dir.resolve("chromium.log")));
        }
        assertTrue(Files.exists(png), "no screenshot: " + Files.readString(dir.resolve("chromium.log")));
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1280, shot.getWidth());
        assertEquals(1600, shot.getHeight());
        double sum = 0;
        double squares = 0;
        int coloured = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                int rgb = shot.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                double grey = (r + g + b) / 3.0;
                sum += grey;
                squares += grey * grey;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 100) {
                    coloured++; // prints and eyes are grey: colour is the minutiae and the pairing lines
                }
            }
        }
        double n = (double) shot.getWidth() * shot.getHeight();
        double deviation = Math.sqrt(squares / n - (sum / n) * (sum / n));
        assertTrue(deviation > 20, String.format(Locale.ROOT, "blank screenshot: grey-level deviation %.1f", deviation));
        assertTrue(coloured > 10_000, "no minutiae and pairing lines drawn: " + coloured + " coloured pixels");
        Files.copy(png, Path.of("target", "adjudication-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
