package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Candidate;
import id.satunik.DedupEngine;
import id.satunik.DemographicQuery;
import id.satunik.EnrollmentRecord;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.EngineOptions;
import id.satunik.testing.Mutator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points of a dedup batch (issue 9): a child JVM runs {@code satunik dedup} and is killed
 * (SIGKILL, no shutdown hook runs) after a random delay, again and again on the same store; then one run goes to
 * its end. Every store opens after every kill, no person is lost or enrolled twice (the final store holds exactly
 * the persons a clean run enrolls, and the demographic index names exactly them), and the final run's report has
 * one line per manifest record. 2 kills in the
 * normal build (about a minute on a quiet 2-core machine), 100 under -Plarge.
 */
class CrashTest {
    @TempDir
    Path dir;

    private static String nik(int serial) {
        return String.format(Locale.ROOT, "350701010190%04d", serial);
    }

    private Path manifest() throws IOException {
        Manifests manifest = new Manifests();
        for (int p = 0; p < 10; p++) {
            manifest.person(nik(p + 1), "Person " + p, null, "M", "RIGHT_THUMB=fvc2002-db1b/" + (101 + p) + "_1",
                    "RIGHT_INDEX=fvc2002-db3b/" + (101 + p) + "_1");
            if (p % 2 == 1) { // a second enrollment of an earlier person under a new NIK: a duplicate
                manifest.person(nik(100 + p), "Again " + p, null, "M", "RIGHT_THUMB=fvc2002-db1b/" + (100 + p) + "_2",
                        "RIGHT_INDEX=fvc2002-db3b/" + (100 + p) + "_2");
            }
        }
        return manifest.write(dir.resolve("manifest.jsonl"));
    }

    private static Process dedup(Path store, Path report, Path manifest, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--") || argument.startsWith("-D") || argument.startsWith("-Xmx")) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SatunikCli.class.getName(), "dedup",
                "--store", store.toString(), "--report", report.toString(), "--threads", "2", "--capacity", "1000",
                "--no-progress", manifest.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    @Timeout(value = 7200, unit = TimeUnit.SECONDS)
    void killedBatchesLoseAndDoubleNothing() throws Exception {
        Path manifest = manifest();
        long records = Files.readAllLines(manifest).stream().filter(l -> !l.isBlank()).count();

        // the ten first enrollments are new persons, the five others duplicates of them (checked by the final run)
        Set<String> enrolled = new HashSet<>();
        for (int p = 1; p <= 10; p++) {
            enrolled.add(nik(p));
        }

        Path store = dir.resolve("store");
        Random random = new Random(46);
        int kills = Mutator.count(2, 100);
        for (int k = 0; k < kills; k++) {
            Path report = dir.resolve("killed-" + k + ".jsonl");
            Process run = dedup(store, report, manifest, dir.resolve("killed.log"));
            // kill anywhere from JVM start-up to the end of the batch (about 2-8 s here)
            Thread.sleep(200 + random.nextInt(k == 0 ? 6000 : 4000));
            run.destroyForcibly().waitFor();
            assertEquals(Set.of(), tornLines(report), "a killed run's report holds whole lines only");
            assertStoreOpens(store, enrolled);
        }
        Path finalReport = dir.resolve("final.jsonl");
        Process last = dedup(store, finalReport, manifest, dir.resolve("final.log"));
        assertEquals(0, last.waitFor(), Files.readString(dir.resolve("final.log")));
        Report report = Report.read(finalReport);
        assertEquals(records, report.lines().size(), "the re-run's report is complete");
        for (var line : report.lines()) {
            String decision = line.get("decision").asText();
            String nik = line.get("nik").asText();
            if (enrolled.contains(nik)) {
                assertTrue(decision.equals("ENROLLED") || decision.equals("ALREADY_ENROLLED"), line.toString());
            } else {
                assertEquals("DUPLICATE", decision, line.toString());
            }
        }
        assertEquals(enrolled, storedNiks(store), "0 lost, 0 doubled after " + kills + " kills");
    }

    /** Report lines that are not whole JSON objects (a line cut by the kill). */
    private static Set<String> tornLines(Path report) throws IOException {
        Set<String> torn = new HashSet<>();
        if (!Files.exists(report)) {
            return torn;
        }
        String text = Files.readString(report);
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                Json.MAPPER.readTree(line);
            } catch (IOException e) {
                torn.add(line);
            }
        }
        return torn;
    }

    private static void assertStoreOpens(Path store, Set<String> allowed) {
        if (!Files.exists(store.resolve("store.id"))) {
            return; // killed before the store was created
        }
        Set<String> stored = storedNiks(store);
        assertTrue(allowed.containsAll(stored), "only persons a clean run enrolls: " + stored);
    }

    /**
     * The NIKs of the persons in the store, found the way an operator would: each of the ten persons searched with
     * its own fingers; a person enrolled twice would show as two matches, a lost one as none.
     */
    private static Set<String> storedNiks(Path store) {
        Set<String> niks = new HashSet<>();
        try (DedupEngine engine = DedupEngine.open(EngineOptions.at(store).withThreads(1).withCapacity(1000))) {
            long persons = engine.stats().persons();
            for (int p = 0; p < 10; p++) {
                EnrollmentRecord probe = EnrollmentRecord.builder(null)
                        .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(Manifests.image("fvc2002-db1b/" + (101 + p) + "_1")))
                        .finger(FingerPosition.RIGHT_INDEX, ImageSource.of(Manifests.image("fvc2002-db3b/" + (101 + p) + "_1")))
                        .build();
                List<Candidate> matches = engine.identify(probe).stream()
                        .filter(c -> c.score() >= engine.threshold()).toList();
                assertTrue(matches.size() <= 1, "person " + p + " enrolled more than once: " + matches);
                matches.forEach(c -> niks.add(c.nik().value()));
            }
            assertEquals(niks.size(), persons, "persons in the store " + persons + ", found " + niks);
            // the demographic index, redone or rebuilt after the kill, names exactly the persons in the store
            Set<String> named = new HashSet<>();
            engine.searchDemographics(DemographicQuery.byName("Person").withLimit(1000))
                    .forEach(hit -> named.add(hit.nik().value()));
            assertEquals(niks, named, "demographic index against the persons found by their fingers");
        }
        return niks;
    }
}
