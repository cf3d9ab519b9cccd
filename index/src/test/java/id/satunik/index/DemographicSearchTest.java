package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.DedupDecision;
import id.satunik.DemographicHit;
import id.satunik.DemographicQuery;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.PersonCorrection;
import id.satunik.Sex;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demographic search over a real store: persons enrolled through the engine (a real FVC finger each), found by
 * Indonesian spelling variants of their names; the index agrees with the person store after enroll, delete,
 * update, reopen, a lost or outdated index, and a crash (the store copied while the engine had it open).
 */
class DemographicSearchTest {
    @TempDir
    Path dir;

    private final List<EnrollmentRecord> persons = new ArrayList<>();

    /** A NIK that agrees with the birth date and sex (Kab. Malang). */
    static String nik(LocalDate birth, Sex sex, int serial) {
        int day = birth.getDayOfMonth() + (sex == Sex.FEMALE ? 40 : 0);
        return String.format(Locale.ROOT, "350701%02d%02d%02d%04d", day, birth.getMonthValue(), birth.getYear() % 100,
                serial);
    }

    /** Person {@code i}: FVC2002 DB1 finger 101+i (DB2 from the eleventh on), first impression. */
    private EnrollmentRecord person(int i, String name, LocalDate birth, Sex sex, String region) {
        return record(nik(birth, sex, i + 1), name, birth, sex, region, i, 1);
    }

    private static EnrollmentRecord record(String nik, String name, LocalDate birth, Sex sex, String region,
                                           int finger, int impression) {
        String db = finger < 10 ? "fvc2002-db1b" : "fvc2002-db2b";
        return EnrollmentRecord.builder(nik).name(name).birthDate(birth).sex(sex).region(region)
                .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc(db, 101 + finger % 10, impression)))
                .build();
    }

    @BeforeEach
    void persons() {
        persons.add(person(0, "Siti Aminah", LocalDate.of(1990, 3, 12), Sex.FEMALE, "Kab. Malang"));
        persons.add(person(1, "Siti Rahayu", LocalDate.of(1985, 7, 1), Sex.FEMALE, "Kota Surabaya"));
        persons.add(person(2, "Aminah", LocalDate.of(1990, 3, 12), Sex.FEMALE, "Kab. Sleman"));
        persons.add(person(3, "Mohammad Hatta", LocalDate.of(1960, 8, 12), Sex.MALE, "Kota Bukittinggi"));
        persons.add(person(4, "Muhammad Yusuf", LocalDate.of(1975, 2, 2), Sex.MALE, "Kab. Malang"));
        persons.add(person(5, "Sukarno", LocalDate.of(1961, 6, 6), Sex.MALE, "Kota Blitar"));
        persons.add(person(6, "Suharto", LocalDate.of(1961, 6, 8), Sex.MALE, "Kab. Bantul"));
        persons.add(person(7, "Joko Widodo", LocalDate.of(1961, 6, 21), Sex.MALE, "Kota Surakarta"));
        persons.add(person(8, "Cahyo Nugroho", LocalDate.of(1988, 11, 5), Sex.MALE, "Kota Semarang"));
        persons.add(person(9, "Nur Aini", LocalDate.of(1995, 4, 30), Sex.FEMALE, "Kab. Malang"));
        persons.add(person(10, "Khairul Anwar", LocalDate.of(1979, 12, 24), Sex.MALE, "Kota Medan"));
        persons.add(person(11, "Budi Santoso", LocalDate.of(1980, 5, 17), Sex.MALE, "Kota Bandung"));
    }

    private String nikOf(String name) {
        return persons.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().nik();
    }

    private DefaultDedupEngine open() {
        return DefaultDedupEngine.open(EngineOptions.at(dir.resolve("store")).withThreads(2).withCapacity(1000));
    }

    private DefaultDedupEngine enrolled() {
        DefaultDedupEngine engine = open();
        persons.forEach(p -> assertEquals(DedupDecision.Kind.ENROLLED, engine.enroll(p).kind(), p.name()));
        return engine;
    }

    private static List<String> names(List<DemographicHit> hits) {
        return hits.stream().map(DemographicHit::name).toList();
    }

    private static List<String> search(DefaultDedupEngine engine, String name) {
        return names(engine.searchDemographics(DemographicQuery.byName(name)));
    }

    @Test
    void spellingVariantsFindThePerson() {
        try (DefaultDedupEngine engine = enrolled()) {
            assertEquals("Siti Aminah", search(engine, "Sity Aminah").getFirst());
            assertEquals("Sukarno", search(engine, "Soekarno").getFirst());
            assertEquals("Joko Widodo", search(engine, "Djoko").getFirst());
            assertEquals("Joko Widodo", search(engine, "Widodo Djoko").getFirst(), "word order");
            assertEquals("Cahyo Nugroho", search(engine, "Tjahjo Noegroho").getFirst());
            assertEquals("Nur Aini", search(engine, "Noer Aini").getFirst());
            assertEquals("Khairul Anwar", search(engine, "Chairul Anwar").getFirst());
            assertEquals("Mohammad Hatta", search(engine, "M. Hatta").getFirst());
            assertEquals("Mohammad Hatta", search(engine, "Muhamad Hatta").getFirst());
            assertEquals(Set.of("Mohammad Hatta", "Muhammad Yusuf"), Set.copyOf(search(engine, "Muhamad")));
            // a one-letter typo beyond the rules: the fuzzy term match
            assertEquals("Budi Santoso", search(engine, "Budi Santosa").getFirst());
            assertEquals(List.of(), search(engine, "Wahyuni"));
        }
    }

    @Test
    void rankingPutsTheWholeNameAndTheSameBirthDateFirst() {
        try (DefaultDedupEngine engine = enrolled()) {
            // both words > one rare word with the same birth date > the common word alone
            List<DemographicHit> hits = engine.searchDemographics(DemographicQuery.byName("Sity Aminah")
                    .withBirthDate(LocalDate.of(1990, 3, 12)));
            assertEquals(List.of("Siti Aminah", "Aminah", "Siti Rahayu"), names(hits));
            assertTrue(hits.get(0).score() > hits.get(1).score() && hits.get(1).score() > hits.get(2).score(),
                    hits.toString());
            // the one-word name of a different person does not outrank the exact one
            assertEquals("Sukarno", search(engine, "Sukarno").getFirst());
            assertFalse(search(engine, "Sukarno").contains("Suharto") && search(engine, "Sukarno").indexOf("Suharto") == 0);
            // day and month swapped rank above another date
            List<DemographicHit> swapped = engine.searchDemographics(DemographicQuery.byName("Siti")
                    .withBirthDate(LocalDate.of(1985, 1, 7)));
            assertEquals("Siti Rahayu", swapped.getFirst().name());
            // sex filters; a birth date alone finds that day's persons
            assertEquals(List.of(), names(engine.searchDemographics(DemographicQuery.byName("Siti").withSex(Sex.MALE))));
            assertEquals(Set.of("Siti Aminah", "Aminah"), Set.copyOf(names(engine.searchDemographics(
                    new DemographicQuery(null, LocalDate.of(1990, 3, 12), null, null, 10)))));
            // region ranks a namesake of the same region first
            assertEquals("Muhammad Yusuf", names(engine.searchDemographics(DemographicQuery.byName("Muhammad")
                    .withRegion("Malang"))).getFirst());
            assertEquals(1, engine.searchDemographics(DemographicQuery.byName("Siti").withLimit(1)).size());
            assertThrows(InvalidInputException.class, () -> new DemographicQuery(" ", null, null, null, 10));
        }
    }

    @Test
    void indexFollowsEnrollDeleteAndUpdate() {
        try (DefaultDedupEngine engine = enrolled()) {
            assertTrue(engine.delete(nikOf("Siti Aminah"), "test: wrongly enrolled"));
            assertFalse(search(engine, "Siti Aminah").contains("Siti Aminah"));
            engine.update(nikOf("Budi Santoso"), new PersonCorrection(null, "Bambang Pamungkas", null, null, null));
            assertEquals(List.of("Bambang Pamungkas"), search(engine, "Bambang"));
            assertEquals(List.of(), search(engine, "Budi Santoso"));
            String corrected = nik(LocalDate.of(1961, 6, 6), Sex.MALE, 99);
            engine.update(nikOf("Sukarno"), PersonCorrection.nik(corrected));
            assertEquals(corrected, engine.searchDemographics(DemographicQuery.byName("Sukarno")).getFirst().nik().value());
            // enrolled again under the deleted NIK
            engine.enroll(record(nikOf("Siti Aminah"), "Siti Aminah Lestari", LocalDate.of(1990, 3, 12), Sex.FEMALE,
                    null, 0, 2));
            assertEquals("Siti Aminah Lestari", search(engine, "Aminah Lestari").getFirst());
            assertConsistent(engine);
        }
        try (DefaultDedupEngine engine = open()) {
            assertFalse(engine.demographicsRebuilt(), "a cleanly closed store's index is used as it is");
            assertEquals(List.of("Bambang Pamungkas"), search(engine, "Bambang"));
            assertConsistent(engine);
        }
    }

    @Test
    void missingOrOutdatedIndexIsRebuiltAtOpen() throws IOException {
        Path store = dir.resolve("store");
        Path index = store.resolve(DemographicIndex.FOLDER);
        Path old = dir.resolve("old-index");
        try (DefaultDedupEngine engine = enrolled()) {
            assertEquals(12, engine.demographicIndex().size());
        }
        copyTree(index, old);
        try (DefaultDedupEngine engine = open()) {
            // as many persons as before: only the commit's journal position tells the old index from the new
            engine.update(nikOf("Joko Widodo"), new PersonCorrection(null, "Joko Susilo", null, null, null));
            engine.update(nikOf("Nur Aini"), new PersonCorrection(null, "Nur Aini Rahmawati", null, null, null));
        }
        // an index put back from before those changes (a file restore): behind the checkpoint, rebuilt
        deleteTree(index);
        copyTree(old, index);
        try (DefaultDedupEngine engine = open()) {
            assertTrue(engine.demographicsRebuilt());
            assertEquals(List.of("Joko Susilo"), search(engine, "Djoko Soesilo"));
            assertEquals("Nur Aini Rahmawati", search(engine, "Noer Aini").getFirst());
            assertConsistent(engine);
        }
        // an old store without an index: built at open
        deleteTree(index);
        try (DefaultDedupEngine engine = open()) {
            assertTrue(engine.demographicsRebuilt());
            assertEquals(12, engine.demographicIndex().size());
            assertEquals("Sukarno", search(engine, "Soekarno").getFirst());
            assertConsistent(engine);
        }
        // a damaged one: discarded and rebuilt
        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }
        try (DefaultDedupEngine engine = open()) {
            assertTrue(engine.demographicsRebuilt());
            assertConsistent(engine);
        }
    }

    @Test
    void crashBetweenCheckpointsIsRedoneFromTheJournal() throws IOException {
        Path crashed = dir.resolve("crashed");
        try (DefaultDedupEngine engine = enrolled()) {
            engine.delete(nikOf("Suharto"), "test");
            engine.update(nikOf("Cahyo Nugroho"), new PersonCorrection(null, "Cahyo Adi Nugroho", null, null, null));
            // what a killed process leaves: the journal and the store files as written, the index at its last
            // commit (the one made when the store was created), no checkpoint since
            copyTree(dir.resolve("store"), crashed);
        }
        try (DefaultDedupEngine engine = DefaultDedupEngine.open(EngineOptions.at(crashed).withThreads(2))) {
            assertFalse(engine.demographicsRebuilt(), "the journal entries after the index's commit are redone on it");
            assertEquals(11, engine.stats().persons());
            assertEquals(List.of(), search(engine, "Suharto").stream().filter("Suharto"::equals).toList());
            assertEquals("Cahyo Adi Nugroho", search(engine, "Tjahjo Adi").getFirst());
            assertEquals("Siti Aminah", search(engine, "Sity Aminah").getFirst());
            assertConsistent(engine);
        }
    }

    @Test
    void duplicateAndNikConflictListLookAlikes() {
        try (DefaultDedupEngine engine = enrolled()) {
            // Siti Aminah's finger again, under a new NIK and a variant spelling: a duplicate
            String newNik = nik(LocalDate.of(1990, 3, 12), Sex.FEMALE, 77);
            DedupDecision duplicate = engine.dedup(record(newNik, "Sity Aminah", LocalDate.of(1990, 3, 12), Sex.FEMALE,
                    null, 0, 2));
            assertInstanceOf(DedupDecision.Duplicate.class, duplicate, duplicate.reason());
            assertEquals(nikOf("Siti Aminah"), duplicate.matches().getFirst().nik().value());
            assertEquals(List.of("Siti Aminah", "Aminah", "Siti Rahayu"), names(duplicate.lookAlikes()));
            assertTrue(duplicate.lookAlikes().size() <= DefaultDedupEngine.LOOK_ALIKES);
            // Budi's NIK with another person's finger: a NIK conflict; the holder is among the look-alikes
            DedupDecision conflict = engine.dedup(record(nikOf("Budi Santoso"), "Budi Santosa", null, null, null, 15, 1));
            assertInstanceOf(DedupDecision.NikConflict.class, conflict, conflict.reason());
            assertEquals(nikOf("Budi Santoso"), conflict.lookAlikes().getFirst().nik().value());
            // an enrollment carries none
            DedupDecision enrolled = engine.dedup(record(nik(LocalDate.of(1970, 1, 1), Sex.MALE, 55), "Siti Aminah",
                    null, null, null, 16, 1));
            assertEquals(List.of(), enrolled.lookAlikes());
        }
    }

    @Test
    void anEncryptedStoreKeepsItsIndexInMemoryOnly() throws IOException {
        byte[] bytes = new byte[32];
        new java.util.Random(7).nextBytes(bytes);
        EngineOptions options = EngineOptions.at(dir.resolve("sealed")).withThreads(2).withCapacity(1000)
                .withKey(id.satunik.StoreKey.of(bytes));
        try (DefaultDedupEngine engine = DefaultDedupEngine.open(options)) {
            engine.enroll(persons.getFirst());
            engine.enroll(persons.get(5));
            assertEquals("Sukarno", search(engine, "Soekarno").getFirst());
        }
        assertFalse(Files.exists(dir.resolve("sealed").resolve(DemographicIndex.FOLDER)), "no name on disk in the clear");
        try (DefaultDedupEngine engine = DefaultDedupEngine.open(options)) {
            assertTrue(engine.demographicsRebuilt(), "built from the sealed person store at every open");
            assertEquals("Siti Aminah", search(engine, "Sity Aminah").getFirst());
            assertConsistent(engine);
        }
    }

    /** The index holds exactly the store's live persons, each under its current demographics. */
    private static void assertConsistent(DefaultDedupEngine engine) {
        Set<String> stored = new HashSet<>();
        engine.personStore().forEach(p -> stored.add(p.nik().value() + " " + p.name()));
        Set<String> indexed = new HashSet<>();
        for (String nik : engine.demographicIndex().niks()) {
            String name = engine.personStore().get(id.satunik.Nik.parse(nik)).map(PersonRecord::name).orElse("(none)");
            assertTrue(indexed.add(nik + " " + name), "indexed twice: " + nik);
            List<DemographicHit> hits = engine.searchDemographics(DemographicQuery.byName(name).withLimit(1000));
            assertTrue(hits.stream().anyMatch(h -> h.nik().value().equals(nik) && h.name().equals(name)),
                    nik + " " + name + " not found under its current name: " + hits);
        }
        assertEquals(stored, indexed);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("write.lock")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
