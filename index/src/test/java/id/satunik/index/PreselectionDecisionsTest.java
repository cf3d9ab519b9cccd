package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.SearchStatistics;
import id.satunik.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dedup decisions through the pre-selection equal the reference's (SourceAFIS against every person), on persons
 * of four real fingers made from every finger of the eight shared FVC sets, planted in a synthetic gallery of
 * four-finger persons that spans several pre-selection blocks: the same kinds, the same matched persons, the
 * same scores, whatever the number of threads; and the pre-selection reaches SourceAFIS with a small part of
 * the gallery only.
 */
class PreselectionDecisionsTest {
    private static final String[][] GROUPS = {
        {"fvc2000-db1b", "fvc2000-db2b", "fvc2000-db3b", "fvc2000-db4b"},
        {"fvc2002-db1b", "fvc2002-db2b", "fvc2002-db3b", "fvc2002-db4b"}};
    private static final FingerPosition[] POSITIONS = {FingerPosition.RIGHT_THUMB, FingerPosition.RIGHT_INDEX,
        FingerPosition.LEFT_THUMB, FingerPosition.LEFT_INDEX};
    /** One pre-selection block and a part of a second. */
    private static final int SYNTHETIC = FingerPreselection.BLOCK + 500;
    /** Synthetic persons have two fingers (right thumb and index): the reference compares both with SourceAFIS. */
    private static final int SYNTHETIC_FINGERS = 2;

    @TempDir
    Path dir;

    /** Person g*10+p: finger 101+p of the four sets of group g, one set per finger position. */
    private static EnrollmentRecord person(String nik, int g, int p, int impression) {
        EnrollmentRecord.Builder builder = EnrollmentRecord.builder(nik);
        for (int f = 0; f < POSITIONS.length; f++) {
            builder.finger(POSITIONS[f], ImageSource.of(SharedData.fvc(GROUPS[g][f], 101 + p, impression)));
        }
        return builder.build();
    }

    /**
     * 20 first enrollments, their second impressions under new NIKs (duplicates), and third impressions of the
     * first group under their own NIKs (already enrolled).
     */
    private static List<EnrollmentRecord> batch() {
        List<EnrollmentRecord> out = new ArrayList<>();
        for (int impression = 1; impression <= 3; impression++) {
            for (int g = 0; g < (impression == 3 ? 1 : GROUPS.length); g++) {
                for (int p = 0; p < 10; p++) {
                    int serial = impression == 2 ? 100 + g * 10 + p : g * 10 + p + 1;
                    out.add(person(Records.nik(serial), g, p, impression));
                }
            }
        }
        return out;
    }

    private static String describe(DedupDecision decision) {
        return decision.kind() + " " + decision.nik() + " " + decision.matches().stream()
                .filter(c -> c.score() >= EngineOptions.DEFAULT_THRESHOLD)
                .map(Candidate::toString).collect(Collectors.joining(","));
    }

    /** The batch through a copy of the generated gallery. */
    private List<String> run(Path store, boolean exhaustive, int threads, List<EnrollmentRecord> records,
                             SearchStatistics[] statistics) throws Exception {
        Files.createDirectories(store);
        try (var files = Files.list(dir.resolve("gallery"))) {
            for (Path file : files.toList()) {
                Files.copy(file, store.resolve(file.getFileName()));
            }
        }
        EngineOptions options = EngineOptions.at(store).withThreads(threads).withCapacity(SYNTHETIC + 100)
                .withExhaustive(exhaustive);
        List<String> out = new ArrayList<>();
        try (DedupEngine engine = DedupEngine.open(options)) {
            engine.dedupAll(records, decision -> out.add(describe(decision)));
            statistics[0] = engine.statistics();
        }
        return out;
    }

    @Test
    void preselectionDecidesAsTheExhaustiveReferenceWhateverTheThreads() throws Exception {
        List<EnrollmentRecord> records = batch();
        SyntheticGallery.generate(EngineOptions.at(dir.resolve("gallery")).withThreads(2).withCapacity(SYNTHETIC + 100),
                0, SYNTHETIC, SYNTHETIC_FINGERS, false, 11, done -> { });
        SearchStatistics[] fast = new SearchStatistics[1];
        SearchStatistics[] reference = new SearchStatistics[1];
        SearchStatistics[] single = new SearchStatistics[1];
        List<String> byPreselection = run(dir.resolve("fast"), false, 2, records, fast);
        List<String> byReference = run(dir.resolve("reference"), true, 2, records, reference);
        List<String> byOneThread = run(dir.resolve("one-thread"), false, 1, records, single);
        assertEquals(byReference, byPreselection);
        assertEquals(byPreselection, byOneThread);

        long duplicates = byReference.stream().filter(d -> d.startsWith("DUPLICATE")).count();
        long enrolled = byReference.stream().filter(d -> d.startsWith("ENROLLED")).count();
        long already = byReference.stream().filter(d -> d.startsWith("ALREADY_ENROLLED")).count();
        // (persons 9 and 10 of the first group have a print too poor to enrol: their impression 3 is then a
        // duplicate of their impression 2, enrolled under its new NIK)
        assertTrue(enrolled >= 19 && duplicates >= 18 && already >= 8,
                "enrolled " + enrolled + ", already " + already + ", duplicates " + duplicates + ": " + byReference);
        // ~46 searches: the reference compares every gallery finger the probe shares with SourceAFIS each time
        // (its index entries), the pre-selection reads every person in its first stage and compares a few hundred
        long gallery = SYNTHETIC + 20;
        // less one search's share: person 10 of the first group, impression 1, has an unusable right thumb
        // (FVC2000 DB1_B 110_1: 5 minutiae), so its search shares only the right index with the synthetic
        // persons. That record used to be rejected (its left thumb, FVC2000 DB3_B 110_1, was taken for an eye);
        // since the iris segmenter's round 3 (issue 8) the print is a print and the record is searched
        assertTrue(reference[0].indexEntries()
                        >= (reference[0].searches() * (long) SYNTHETIC_FINGERS - 1) * SYNTHETIC,
                reference[0].toString());
        assertTrue(fast[0].personsRescored() < fast[0].searches() * gallery / 20, fast[0].toString());
        assertTrue(fast[0].indexEntries() >= fast[0].searches() * gallery, "every person read: " + fast[0]);
    }
}
