package id.satunik.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End to end on real FVC images, through the command line as an operator runs it. */
class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void evaluatesARealFvcFolderIntoJsonAndHtml() throws IOException {
        Path folder = SharedData.root().resolve("fingerprint/fvc2000-db1b");
        Path json = dir.resolve("out/report.json");
        Path html = dir.resolve("out/report.html");
        Run run = run("--input", folder.toString(), "--json", json.toString(), "--html", html.toString(),
                "--chimeric-rounds", "20");
        assertEquals(0, run.exit(), run.err());

        JsonNode report = JSON.readTree(json.toFile());
        assertEquals(80, report.at("/enrolment/attempted").asInt());
        assertTrue(report.at("/enrolment/failureToEnrollRate").asDouble() < 0.05, report.at("/enrolment").toString());
        JsonNode pooled = report.at("/verification/pooled");
        assertTrue(pooled.at("/eer/value").asDouble() < 0.10, "EER " + pooled.at("/eer"));
        assertTrue(pooled.at("/genuineMean").asDouble() > 3 * pooled.at("/impostorMean").asDouble(), pooled.toString());
        assertTrue(pooled.at("/genuineComparisons").asInt() > 250, "10 fingers x 28 pairs, less refusals");
        assertTrue(pooled.at("/fnmrAtFmr/1/resolvable").asBoolean(), "2,800 impostors resolve FMR 0.1%");
        assertFalse(pooled.at("/fnmrAtFmr/2/resolvable").asBoolean(), "but not 0.01%");
        assertTrue(pooled.at("/fnmrAtFmr/2/fnmr").isNull(), "no fake number for an unresolvable FMR");
        assertEquals(0.0, pooled.at("/atRecommendedThreshold/fmr").asDouble(), "no impostor reaches 40 here");
        assertTrue(report.at("/identification/matedSearches").asInt() > 0);
        assertFalse(report.at("/identification/fnirAtFpir/1/resolvable").asBoolean(), "too few non-mated searches");
        JsonNode levels = report.at("/fusion/levels");
        assertEquals(List.of(1, 2, 4), positions(levels), "10 fingers make 2 persons of 4 at most");
        assertEquals(10, report.at("/fusion/skippedLevels/0/positions").asInt());

        String page = Files.readString(html);
        assertTrue(page.contains("Chart.js v4"), "charting library inlined");
        assertTrue(page.contains("<canvas id=\"det-verification\">") && page.contains("<canvas id=\"hist-verification\">")
                && page.contains("<canvas id=\"det-fusion\">"), "DET and histogram charts");
        assertTrue(page.contains("type: 'logarithmic'"), "DET axes on log scale");
        assertTrue(page.contains("<script type=\"application/json\" id=\"report\">{\"tool\":\"satunik evaluate\""));
        assertFalse(page.contains("src=\"http") || page.contains("href=\"http"), "nothing fetched when viewed");
        assertTrue(run.out().contains("fvc2000-db1b"), run.out());
    }

    @Test
    void sameSeedGivesTheSameJsonWhateverTheThreadsAndLinkedSensorsShareIdentities() throws IOException {
        // FVC2000 DB1_B and DB2_B hold the same ten fingers under the same ids, on two sensors.
        Path db1 = mapping("db1", "fvc2000-db1b");
        Path db2 = mapping("db2", "fvc2000-db2b");
        List<String> args = List.of("--mapping", db1.toString(), "--mapping", db2.toString(),
                "--same-subjects", "db1,db2", "--seed", "7", "--chimeric-rounds", "30", "--fusion-levels", "1,2");
        String first = json(args, "1", "a.json");
        String second = json(args, "2", "b.json");
        assertEquals(first, second, "same input and seed, 1 or 2 threads");

        JsonNode report = JSON.readTree(first);
        assertEquals(3, report.at("/dataset/subjects").asInt(), "3 fingers, each on two sensors");
        JsonNode pooled = report.at("/verification/pooled");
        int enrolled = report.at("/enrolment/enrolled").asInt();
        assertEquals(18, report.at("/enrolment/attempted").asInt());
        assertTrue(pooled.at("/genuineComparisons").asInt() > report.at("/verification/byDataset/0/genuineComparisons").asInt()
                + report.at("/verification/byDataset/1/genuineComparisons").asInt(), "cross-sensor genuine pairs");
        assertEquals((long) enrolled * (enrolled - 1) / 2,
                pooled.at("/genuineComparisons").asLong() + pooled.at("/impostorComparisons").asLong());
        assertTrue(pooled.at("/genuineMean").asDouble() > pooled.at("/impostorMean").asDouble());

        String otherSeed = json(List.of("--mapping", db1.toString(), "--mapping", db2.toString(), "--same-subjects",
                "db1,db2", "--seed", "8", "--chimeric-rounds", "30", "--fusion-levels", "1,2"), "2", "c.json");
        assertFalse(first.equals(otherSeed), "the seed draws the galleries and the chimeric persons");
    }

    @Test
    void badInputIsRefusedWithTheReason() throws IOException {
        Run missing = run("--input", dir.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("not a folder"), missing.err());

        Files.writeString(dir.resolve("finger.png"), "x");
        Run badName = run("--input", dir.toString());
        assertEquals(2, badName.exit());
        assertTrue(badName.err().contains("finger.png is not named the FVC way"), badName.err());

        Run noInput = run("--json", "x.json");
        assertEquals(2, noInput.exit());
        assertTrue(noInput.err().contains("give at least one --input DIR or --mapping CSV"), noInput.err());

        Run iris = run("--modality", "iris", "--input", dir.toString());
        assertEquals(2, iris.exit());
        assertTrue(iris.err().contains("iris is not available yet"), iris.err());

        Run dpiTypo = run("--input", SharedData.root().resolve("fingerprint/fvc2000-db1b").toString(),
                "--folder-dpi", "fvc2002-db2=569");
        assertEquals(2, dpiTypo.exit());
        assertTrue(dpiTypo.err().contains("--folder-dpi fvc2002-db2: names no input"), dpiTypo.err());
    }

    /** Subjects 101-103, impressions 1-3 of one FVC folder, by absolute path. */
    private Path mapping(String name, String database) throws IOException {
        List<String> lines = new ArrayList<>(List.of("file,subject,impression"));
        for (int finger = 101; finger <= 103; finger++) {
            for (int impression = 1; impression <= 3; impression++) {
                lines.add(SharedData.fvc(database, finger, impression).toAbsolutePath() + "," + finger + "," + impression);
            }
        }
        Path csv = dir.resolve(name + ".csv");
        Files.write(csv, lines);
        return csv;
    }

    private String json(List<String> args, String threads, String file) throws IOException {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--threads", threads, "--json", dir.resolve(file).toString()));
        Run run = run(all.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        return Files.readString(dir.resolve(file));
    }

    private static List<Integer> positions(JsonNode levels) {
        List<Integer> list = new ArrayList<>();
        levels.forEach(l -> list.add(l.path("positions").asInt()));
        return list;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EvaluateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
