package id.satunik.index;

import static id.satunik.index.Records.nik;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.EnrollmentRecord;
import java.util.List;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 4: a damaged or mismatched store is refused with a message naming the file and the problem,
 * never silently accepted or re-created empty. Each case is the damage the issue reports, done to a real store.
 */
class StoreIntegrityTest {
    @TempDir
    Path dir;

    private static DedupEngine open(Path store) {
        return DedupEngine.open(EngineOptions.at(store).withThreads(2).withCapacity(1_000));
    }

    /** Two persons with fingers and both eyes, one with a finger only: built once, copied for each store. */
    private Path build(String name) throws IOException {
        if (template == null) {
            template = Files.createTempDirectory("satunik-integrity");
            buildInto(template.resolve("store"));
        }
        Path store = dir.resolve(name);
        if (!name.equals("s") && !name.equals("a")) {
            buildInto(store); // another store, with its own identity
            return store;
        }
        Files.createDirectories(store);
        try (var files = Files.list(template.resolve("store"))) {
            for (Path file : files.toList()) {
                Files.copy(file, store.resolve(file.getFileName()));
            }
        }
        return store;
    }

    private static Path template;

    @org.junit.jupiter.api.AfterAll
    static void removeTemplate() throws IOException {
        if (template != null) {
            try (var walk = Files.walk(template)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void buildInto(Path store) {
        try (DedupEngine engine = open(store)) {
            for (int p = 1; p <= 2; p++) {
                DedupDecision d = engine.dedup(IrisEngineTest.eyes(nik(p), IrisEngineTest.SUBJECTS[p - 1], 1)
                        .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc("fvc2002-db1b", 100 + p, 1)))
                        .build());
                assertEquals(DedupDecision.Kind.ENROLLED, d.kind(), d.toString());
            }
            assertEquals(DedupDecision.Kind.ENROLLED, engine.dedup(Records.single(nik(3), "fvc2000-db1b", 105, 1)).kind());
        }
    }

    private static String refusal(Path store) {
        return assertThrows(RuntimeException.class, () -> open(store).close()).getMessage();
    }

    /** What verify-store says: opening checks identities and headers, verifying reads every record. */
    private static String verifyRefusal(Path store) {
        return assertThrows(IllegalStateException.class, () -> StoreMaintenance.verify(store, 1)).getMessage();
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' not in: " + message);
        }
    }

    @Test
    void aSoundStoreReopensAndVerifies() throws IOException {
        Path store = build("s");
        try (DedupEngine engine = open(store)) {
            assertEquals(3, engine.stats().persons());
        }
        assertMentions(StoreMaintenance.verify(store, 1), "is sound", "3 persons");
    }

    @Test
    void missingOrEmptyPersonsBesideTheOtherFilesIsDamageNotANewStore() throws IOException {
        Path store = build("s");
        Path persons = store.resolve(ChronicleMapPersonStore.FILE);
        Files.write(persons, new byte[0]);
        assertMentions(refusal(store), "persons.cmap", "is empty");
        Files.delete(persons);
        assertMentions(refusal(store), "persons.cmap", "is missing");
        assertFalse(Files.exists(persons), "no empty store was started over the iris files");
    }

    @Test
    void damagedIrisFilesAreRefusedNamingFileAndPerson() throws IOException {
        Path store = build("s");
        Path right = IrisGallery.fileOf(store, EyePosition.RIGHT);
        Path saved = Files.copy(right, dir.resolve("right.saved"));

        // the header's count lowered from 2 to 1
        try (RandomAccessFile file = new RandomAccessFile(right.toFile(), "rw")) {
            file.seek(64);
            file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1).array());
        }
        assertMentions(verifyRefusal(store), "iris-right.codes", "holds 1 eyes", nik(2), "slot 1");
        // a search that meets the lost eye rejects that record with the reason instead of crashing the batch
        try (DedupEngine engine = open(store)) {
            DedupDecision d = engine.dedup(IrisEngineTest.eyes(nik(9), IrisEngineTest.SUBJECTS[1], 2).build());
            assertEquals(DedupDecision.Kind.REJECTED, d.kind(), d.toString());
            assertMentions(d.reason(), "iris-right.codes", "damaged");
        }

        // truncated to nothing: refused at open, not re-created empty
        Files.write(right, new byte[0]);
        assertMentions(refusal(store), "iris-right.codes", "is empty");

        // deleted
        Files.delete(right);
        assertMentions(verifyRefusal(store), "iris-right.codes is missing", nik(1));

        // random bytes in an iris code: used to score 0.0 silently
        Files.copy(saved, right, StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile file = new RandomAccessFile(right.toFile(), "rw")) {
            file.seek(IrisCodeFile.HEADER_BYTES + IrisCodeFile.RECORD_BYTES + 17);
            file.write(new byte[] {(byte) 0xA5, 0x5A, 0x3C});
        }
        assertMentions(verifyRefusal(store), "iris-right.codes", "record 1", "fails its checksum");
        // random bytes used to score 0.0 silently; now the record that meets them says so
        try (DedupEngine engine = open(store)) {
            DedupDecision d = engine.dedup(IrisEngineTest.eyes(nik(9), IrisEngineTest.SUBJECTS[1], 2).build());
            assertEquals(DedupDecision.Kind.REJECTED, d.kind(), d.toString());
            assertMentions(d.reason(), "iris-right.codes", "fails its checksum");
        }
    }

    @Test
    void aDamagedPersonRecordNamesThePersonAndTheFile() throws IOException {
        Path store = build("s");
        Path persons = store.resolve(ChronicleMapPersonStore.FILE);
        byte[] bytes = Files.readAllBytes(persons);
        // the encoded record of person 3: magic 'S''N', version 4, NIK as a big-endian long
        byte[] head = ByteBuffer.allocate(11).put((byte) 'S').put((byte) 'N').put((byte) 4)
                .putLong(Long.parseLong(nik(3))).array();
        int at = indexOf(bytes, head);
        assertTrue(at > 0, "record of person 3 not found in persons.cmap");
        try (RandomAccessFile file = new RandomAccessFile(persons.toFile(), "rw")) {
            file.seek(at + 120); // inside the fingerprint template
            file.write(~bytes[at + 120]);
        }
        assertMentions(verifyRefusal(store), "persons.cmap", "is damaged", "NIK " + nik(3), "checksum");
    }

    @Test
    void deletingTheIdentityWhileAWriterRunsLetsNoSecondWriterIn() throws IOException {
        Path store = build("s");
        try (DedupEngine first = open(store)) {
            assertMentions(refusal(store), "already open");
            Files.delete(store.resolve(StoreIdentity.FILE));
            assertMentions(refusal(store), "store.id", "is missing beside", "persons.cmap");
            assertFalse(Files.exists(store.resolve(StoreIdentity.FILE)), "the refused opener left no identity behind");
            assertEquals(3, first.stats().persons());
        }
        assertMentions(refusal(store), "store.id", "is missing");
        // the operator, every process stopped, adopts the store again: same persons, verified
        assertMentions(StoreMaintenance.adopt(store, 1), "adopted", "is sound", "3 persons");
        try (DedupEngine engine = open(store)) {
            assertEquals(3, engine.stats().persons());
        }
    }

    @Test
    void aFileFromAnotherStoreOrADamagedIdentityIsRefused() throws IOException {
        Path store = build("a");
        Path other = build("b");
        Path right = IrisGallery.fileOf(store, EyePosition.RIGHT);
        Path saved = Files.copy(right, dir.resolve("right.saved"));
        Files.copy(IrisGallery.fileOf(other, EyePosition.RIGHT), right, StandardCopyOption.REPLACE_EXISTING);
        assertMentions(refusal(store), "iris-right.codes", "belongs to store");
        Files.copy(saved, right, StandardCopyOption.REPLACE_EXISTING);

        Files.copy(other.resolve(ChronicleMapPersonStore.FILE), store.resolve(ChronicleMapPersonStore.FILE),
                StandardCopyOption.REPLACE_EXISTING);
        assertMentions(refusal(store), "persons.cmap", "belongs to another store");

        Files.write(other.resolve(StoreIdentity.FILE), new byte[] {1, 2, 3});
        assertMentions(refusal(other), "store.id", "is not a valid store identity");
    }

    /** Issue 9 follow-up: the finger index files carry the store id and are checked as the iris files are. */
    @Test
    void damagedOrForeignFingerIndexFilesAreRefusedNamingTheFile() throws IOException {
        Path store = build("a");
        Path other = build("b");
        Path persons = store.resolve(FingerIndex.PERSONS_FILE);
        Path thumbs = FingerIndex.fileOf(store, FingerPosition.RIGHT_THUMB);
        Path savedPersons = Files.copy(persons, dir.resolve("persons.saved"));
        Path savedThumbs = Files.copy(thumbs, dir.resolve("thumbs.saved"));

        Files.copy(other.resolve(FingerIndex.PERSONS_FILE), persons, StandardCopyOption.REPLACE_EXISTING);
        assertMentions(refusal(store), "fingers.persons", "belongs to store");
        Files.copy(FingerIndex.fileOf(other, FingerPosition.RIGHT_THUMB), thumbs, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(savedPersons, persons, StandardCopyOption.REPLACE_EXISTING);
        assertMentions(refusal(store), "fingers-right-thumb.edges", "belongs to store");
        Files.copy(savedThumbs, thumbs, StandardCopyOption.REPLACE_EXISTING);

        Files.delete(persons);
        assertMentions(refusal(store), "fingers.persons", "is missing");
        assertFalse(Files.exists(persons), "no empty index was started beside the person store");
        Files.copy(savedPersons, persons);

        truncate(thumbs, FingerIndexLayout.HEADER_BYTES + FingerIndexLayout.EDGE_RECORD_BYTES);
        assertMentions(refusal(store), "fingers-right-thumb.edges", "damaged", "counts 3 records, the file holds 1");
        truncate(thumbs, 0);
        assertMentions(refusal(store), "fingers-right-thumb.edges", "is empty");
        truncate(persons, 100);
        assertMentions(refusal(store), "fingers.persons", "shorter than its header");
        Files.copy(savedPersons, persons, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(savedThumbs, thumbs, StandardCopyOption.REPLACE_EXISTING);

        // one byte changed in the last person's thumb record: opening checks the first and last persons
        flip(thumbs, FingerIndexLayout.HEADER_BYTES + 2L * FingerIndexLayout.EDGE_RECORD_BYTES + 10);
        assertMentions(refusal(store), "finger index is damaged", "person 2", "fails its checksum",
                "fingers-right-thumb.edges");
        flip(thumbs, FingerIndexLayout.HEADER_BYTES + 2L * FingerIndexLayout.EDGE_RECORD_BYTES + 10);
        // in the middle person's: the store opens, verify-store reads every person and finds it
        flip(thumbs, FingerIndexLayout.HEADER_BYTES + FingerIndexLayout.EDGE_RECORD_BYTES + 10);
        try (DedupEngine engine = open(store)) {
            assertEquals(3, engine.stats().persons());
        }
        assertMentions(verifyRefusal(store), "person 1", "NIK " + Long.parseLong(nik(2)), "fails its checksum");
        flip(thumbs, FingerIndexLayout.HEADER_BYTES + FingerIndexLayout.EDGE_RECORD_BYTES + 10);

        // the sketch file (the first stage's input) is checked the same way
        Path sketches = FingerIndex.sketchOf(store, FingerPosition.RIGHT_THUMB);
        Path savedSketches = Files.copy(sketches, dir.resolve("sketches.saved"));
        flip(sketches, FingerIndexLayout.HEADER_BYTES + 2L * FingerIndexLayout.SKETCH_RECORD_BYTES + 3);
        assertMentions(refusal(store), "person 2", "fails its checksum", "fingers-right-thumb.sketch");
        Files.delete(sketches);
        assertMentions(refusal(store), "fingers-right-thumb.sketch", "missing");
        Files.copy(savedSketches, sketches);
        try (DedupEngine engine = open(store)) {
            assertEquals(3, engine.stats().persons());
        }
    }

    /**
     * {@code satunik repair} rebuilds the finger index from the person store's templates and the iris files from the
     * journal's eyes: deleted, truncated and damaged files, after which every search finds what it found before.
     */
    @Test
    void repairRebuildsTheFingerIndexAndIrisFilesAndSearchesFindWhatTheyFoundBefore() throws IOException {
        Path store = build("s");
        List<EnrollmentRecord> probes = List.of(
                Records.single(null, "fvc2002-db1b", 101, 3),                                // person 1's thumb
                Records.single(null, "fvc2000-db1b", 105, 2),                                // person 3's thumb
                IrisEngineTest.eyes(null, IrisEngineTest.SUBJECTS[1], 2).build(),            // person 2's eyes
                IrisEngineTest.eyes(null, IrisEngineTest.SUBJECTS[0], 3)                      // person 1, both
                        .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc("fvc2002-db1b", 101, 2)))
                        .build());
        List<List<Candidate>> before = identify(store, probes);
        assertEquals(nik(1), before.get(0).getFirst().nik().value(), before.toString());
        assertEquals(nik(3), before.get(1).getFirst().nik().value(), before.toString());
        assertEquals(nik(2), before.get(2).getFirst().nik().value(), before.toString());
        assertEquals(2, before.get(3).getFirst().irisScores().size(), before.toString());

        Files.delete(store.resolve(FingerIndex.PERSONS_FILE));
        truncate(FingerIndex.fileOf(store, FingerPosition.RIGHT_THUMB), FingerIndexLayout.HEADER_BYTES);
        truncate(IrisGallery.fileOf(store, EyePosition.RIGHT), IrisCodeFile.HEADER_BYTES + IrisCodeFile.RECORD_BYTES);
        Files.delete(IrisGallery.fileOf(store, EyePosition.LEFT));
        assertMentions(refusal(store), "fingers.persons", "is missing");

        String repaired = StoreMaintenance.repair(EngineOptions.at(store).withThreads(1).withCapacity(1_000));
        assertMentions(repaired, "finger index rebuilt", "iris-right.codes rebuilt", "iris-left.codes rebuilt",
                "is sound", "3 persons");
        assertTrue(Files.exists(store.resolve("iris-right.codes" + DerivedFiles.DAMAGED)), "the damaged file is kept");
        assertEquals(before, identify(store, probes), "the same candidates, scores and order after the repair");
        assertMentions(StoreMaintenance.repair(EngineOptions.at(store).withThreads(1).withCapacity(1_000)),
                "nothing to repair", "is sound");

        // and the store goes on: a duplicate is found, a new person enrolls into the rebuilt files
        try (DedupEngine engine = open(store)) {
            DedupDecision duplicate = engine.dedup(IrisEngineTest.eyes(nik(9), IrisEngineTest.SUBJECTS[1], 3).build());
            assertEquals(DedupDecision.Kind.DUPLICATE, duplicate.kind(), duplicate.toString());
            assertEquals(nik(2), duplicate.matches().getFirst().nik().value());
            assertEquals(DedupDecision.Kind.ENROLLED, engine.dedup(IrisEngineTest.eyes(nik(4), IrisEngineTest.SUBJECTS[3], 1)
                    .finger(FingerPosition.LEFT_INDEX, ImageSource.of(SharedData.fvc("fvc2002-db3b", 106, 1))).build()).kind());
        }
        assertMentions(StoreMaintenance.verify(store, 1), "is sound", "4 persons");
    }

    private static List<List<Candidate>> identify(Path store, List<EnrollmentRecord> probes) {
        try (DedupEngine engine = open(store)) {
            return probes.stream().map(engine::identify).toList();
        }
    }

    private static void truncate(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }

    private static void flip(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(~b);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
