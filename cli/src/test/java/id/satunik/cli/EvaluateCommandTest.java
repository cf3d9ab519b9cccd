package id.satunik.cli;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
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

        // fingerprint quality (issue 9): per dataset, and FNMR by the poorer sample's quality band
        JsonNode quality = report.at("/quality");
        assertEquals(report.at("/enrolment/enrolled").asInt(), quality.at("/datasets/0/images").asInt(), quality.toString());
        double median = quality.at("/datasets/0/median").asDouble();
        assertTrue(median > 0 && median <= 100, quality.toString());
        long banded = 0;
        for (JsonNode band : quality.get("bands")) {
            banded += band.get("genuinePairs").asLong();
        }
        assertEquals(pooled.at("/genuineComparisons").asLong(), banded, "every genuine pair in one band");

        String page = Files.readString(html);
        assertTrue(page.contains("<h2>Fingerprint quality</h2>") && page.contains("poorer sample's quality"), "quality table");
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

        Run face = run("--modality", "face", "--input", dir.toString());
        assertEquals(2, face.exit());
        assertTrue(face.err().contains("--modality must be finger, iris or finger+iris, not face"), face.err());

        Run dpiTypo = run("--input", SharedData.root().resolve("fingerprint/fvc2000-db1b").toString(),
                "--folder-dpi", "fvc2002-db2=569");
        assertEquals(2, dpiTypo.exit());
        assertTrue(dpiTypo.err().contains("--folder-dpi fvc2002-db2: names no input"), dpiTypo.err());
    }

    /**
     * Irises end to end: the first 10 eyes of CASIA-Iris-Interval with 3 captures or more (left and right eyes of the first subjects), listed by a CSV
     * mapping as an operator would, with the eye as identity.
     */
    @Test
    void evaluatesIrisesThroughAMappingDeterministically() throws IOException {
        Path csv = eyes(10);
        List<String> args = List.of("--modality", "iris", "--mapping", csv.toString(), "--seed", "5",
                "--chimeric-rounds", "20");
        String first = json(args, "1", "iris-a.json");
        assertEquals(first, json(args, "2", "iris-b.json"), "same input and seed, 1 or 2 threads");

        JsonNode report = JSON.readTree(first);
        assertEquals("iris", report.at("/modality").asText());
        assertEquals(30, report.at("/enrolment/attempted").asInt());
        assertEquals(10, report.at("/dataset/subjects").asInt(), "an identity is an eye");
        assertTrue(report.at("/enrolment/failureToEnrollRate").asDouble() < 0.1, report.at("/enrolment").toString());
        JsonNode pooled = report.at("/verification/pooled");
        assertTrue(pooled.at("/eer/value").asDouble() < 0.10, "EER " + pooled.at("/eer"));
        assertTrue(pooled.at("/genuineMean").asDouble() > pooled.at("/impostorMean").asDouble() + 20, pooled.toString());
        assertTrue(pooled.at("/atRecommendedThreshold/fmr").asDouble() < 0.01, pooled.at("/atRecommendedThreshold").toString());
        assertEquals(List.of(1, 2), positions(report.at("/fusion/levels")), "a person has two eyes");
        assertEquals(List.of("RIGHT", "LEFT"), List.of(report.at("/fusion/levels/1/positionNames/0").asText(),
                report.at("/fusion/levels/1/positionNames/1").asText()));
        assertEquals(4, report.at("/fusion/skippedLevels/0/positions").asInt());
        assertTrue(report.at("/fusion/skippedLevels/0/reason").asText().contains("at most 2 positions"));
        // every eye's quality, and the genuine pairs by the poorer eye's band
        JsonNode quality = report.at("/quality");
        assertTrue(quality.path("note").asText().contains("IrisQuality"), quality.toString());
        assertEquals(report.at("/enrolment/enrolled").asInt(), quality.at("/datasets/0/images").asInt());
        double p5 = quality.at("/datasets/0/p5").asDouble();
        assertTrue(p5 > 0 && p5 <= quality.at("/datasets/0/p95").asDouble(), quality.toString());
        long banded = 0;
        for (JsonNode band : quality.path("bands")) {
            banded += band.path("genuinePairs").asLong();
        }
        assertEquals(pooled.path("genuineComparisons").asLong(), banded, "every genuine pair in one band");
    }

    /** The first {@code count} eyes of CASIA-Iris-Interval with 3 captures or more, 3 captures each, as a CSV mapping. */
    private Path eyes(int count) throws IOException {
        Path casia = SharedData.root().resolve("iris/casia-iris-interval");
        Map<String, List<Path>> eyes = new TreeMap<>();
        try (Stream<Path> files = Files.list(casia)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jpg")).sorted()
                    .forEach(f -> eyes.computeIfAbsent(f.getFileName().toString().substring(2, 6), e -> new ArrayList<>()).add(f));
        }
        List<String> lines = new ArrayList<>(List.of("file,subject,impression"));
        eyes.entrySet().stream().filter(e -> e.getValue().size() >= 3).limit(count).forEach(e -> {
            for (int capture = 1; capture <= 3; capture++) {
                lines.add(e.getValue().get(capture - 1).toAbsolutePath() + "," + e.getKey() + "," + capture);
            }
        });
        Path csv = dir.resolve("eyes" + count + ".csv");
        Files.write(csv, lines);
        return csv;
    }

    /** Records as SatuNIK holds them: chimeric persons of fingers and two eyes, all scores fused on one scale. */
    @Test
    void fusesFingersAndEyesIntoOnePersonScore() throws IOException {
        // 10 fingers x 4 impressions keep the test short; 10 fingers make 5 persons of 2.
        List<String> lines = new ArrayList<>(List.of("file,subject,impression"));
        for (int finger = 101; finger <= 110; finger++) {
            for (int impression = 1; impression <= 4; impression++) {
                lines.add(SharedData.fvc("fvc2000-db1b", finger, impression).toAbsolutePath() + "," + finger + "," + impression);
            }
        }
        Path fingers = Files.write(dir.resolve("fingers.csv"), lines);
        Path html = dir.resolve("mm.html");
        List<String> args = List.of("--modality", "finger+iris", "--mapping", fingers.toString(),
                "--iris-mapping", eyes(20).toString(), "--fusion-levels", "1,2", "--chimeric-rounds", "20", "--seed", "3",
                "--html", html.toString());
        // Thread-count independence is shown by the single-modality tests; the person dealing itself is sequential.
        JsonNode report = JSON.readTree(json(args, "2", "mm.json"));
        assertEquals("finger", report.at("/finger/modality").asText());
        assertEquals("iris", report.at("/iris/modality").asText());
        assertEquals(20, report.at("/multimodal/eyePool").asInt());
        assertEquals(5, report.at("/multimodal/personsPerRound").asInt(), "10 fingers make 5 persons of 2");
        JsonNode levels = report.at("/multimodal/levels");
        assertEquals(2, levels.size());
        double oneFinger = report.at("/finger/fusion/levels/0/identification/atRecommendedThreshold/fnir").asDouble();
        for (JsonNode level : levels) {
            assertEquals(2, level.path("eyes").asInt());
            JsonNode at = level.at("/identification/atRecommendedThreshold");
            assertTrue(level.at("/identification/matedSearches").asInt() > 0, level.toString());
            assertTrue(at.path("fnir").asDouble() < oneFinger, "two eyes rescue the missed fingers: " + at + " vs " + oneFinger);
        }

        // one page: each modality's figures with its own charts, then the fused persons
        String page = Files.readString(html);
        for (String part : List.of("<h1>Fingers</h1>", "<h1>Irises</h1>", "<h2>Iris quality</h2>",
                "<h2>Fingerprint quality</h2>", "<h1>Fingers and irises fused</h1>", "1 fingers + 2 eyes",
                "id=\"finger-det-verification\"", "id=\"iris-det-verification\"", "id=\"det-multimodal\"")) {
            assertTrue(page.contains(part), part);
        }
        assertTrue(page.contains("\"multimodal\":"), "the report embedded for the charts");

        Run noEyes = run("--modality", "finger+iris", "--input", SharedData.root().resolve("fingerprint/fvc2000-db1b").toString());
        assertEquals(2, noEyes.exit());
        assertTrue(noEyes.err().contains("needs eye images"), noEyes.err());
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
