package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Durability;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.IrisCode;
import id.satunik.matcher.IrisTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file (frames, torn tails, sequence) and redo on open (idempotent, version-guarded). */
class JournalTest {
    private static final Instant WHEN = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path dir;

    static PersonRecord person(long serial) {
        byte[] bytes = new byte[1000 + (int) serial];
        new Random(serial).nextBytes(bytes);
        return new PersonRecord(Nik.fromLong(3507010101900000L + serial), "P" + serial, null, null, null, WHEN,
                List.of(new FingerTemplate(FingerPosition.RIGHT_THUMB, 30, bytes)));
    }

    /** An iris-only person (the store commits need parsable finger templates; eyes need none). */
    static PersonRecord eyesOnly(long serial) {
        return new PersonRecord(Nik.fromLong(3507010101900000L + serial), "P" + serial, null, null, null, WHEN,
                List.of());
    }

    static IrisTemplate eye(long seed) {
        Random random = new Random(seed);
        long[] code = new long[IrisCode.CODE_WORDS];
        long[] mask = new long[IrisCode.MASK_WORDS];
        for (int i = 0; i < code.length; i++) {
            code[i] = random.nextLong();
        }
        Arrays.fill(mask, -1L);
        return new IrisTemplate(EyePosition.RIGHT, code, mask);
    }

    @Test
    void entriesRoundTripAndATornTailIsCutAtAnyByte() throws Exception {
        List<JournalEntry> written = new ArrayList<>();
        try (Journal journal = Journal.open(dir, TemplateCipher.CLEAR, Durability.RECORD, Checkpoint.START, e -> { })) {
            for (int i = 1; i <= 20; i++) {
                written.add(journal.append(new JournalEntry.Enroll(0, WHEN, person(i), i % 3 == 0 ? List.of(eye(i))
                        : List.of()), WHEN));
            }
            written.add(journal.append(new JournalEntry.Delete(0, WHEN, person(4).nik(), "death"), WHEN));
            written.add(journal.append(new JournalEntry.Update(0, WHEN, person(5).nik(), person(50).nik(), "Budi",
                    null, null, "Kota Malang"), WHEN));
        }
        byte[] full = Files.readAllBytes(dir.resolve(Journal.FILE));
        List<Long> ends = new ArrayList<>();
        Journal.Scan whole = Journal.read(dir.resolve(Journal.FILE), TemplateCipher.CLEAR, e -> { });
        assertEquals(22, whole.lastSeq());
        assertFalse(whole.torn());
        long offset = Journal.HEADER_BYTES;
        for (int i = 0; i < written.size(); i++) {
            offset += Journal.FRAME_HEADER + JournalEntry.encode(written.get(i), TemplateCipher.CLEAR).length;
            ends.add(offset);
        }
        assertEquals(full.length, offset);
        Random random = new Random(12);
        for (int trial = 0; trial < 40; trial++) {
            int cut = Journal.HEADER_BYTES + random.nextInt(full.length - Journal.HEADER_BYTES + 1);
            Path copy = Files.createDirectories(dir.resolve("cut" + trial));
            Files.write(copy.resolve(Journal.FILE), Arrays.copyOf(full, cut));
            List<JournalEntry> redone = new ArrayList<>();
            long complete = ends.stream().filter(end -> end <= cut).count();
            try (Journal journal = Journal.open(copy, TemplateCipher.CLEAR, Durability.NONE, Checkpoint.START,
                    redone::add)) {
                assertEquals(complete, redone.size(), "cut at byte " + cut);
                assertEquals(written.subList(0, (int) complete).stream().map(JournalEntry::seq).toList(),
                        redone.stream().map(JournalEntry::seq).toList());
                assertEquals(complete, journal.lastSeq());
                JournalEntry next = journal.append(new JournalEntry.Delete(0, WHEN, person(1).nik(), "x"), WHEN);
                assertEquals(complete + 1, next.seq(), "numbering goes on after the cut");
            }
            boolean torn = ends.stream().noneMatch(end -> end == cut) && cut != Journal.HEADER_BYTES;
            assertEquals(torn, Files.exists(copy.resolve(Journal.FILE + ".torn-at-"
                    + (complete == 0 ? Journal.HEADER_BYTES : ends.get((int) complete - 1)))), "cut at " + cut);
        }
        // a flipped bit inside an entry ends the journal there (CRC32C), nothing after it is redone
        byte[] flipped = full.clone();
        flipped[(int) (ends.get(9) + 40)] ^= 0x10;
        Path damaged = Files.createDirectories(dir.resolve("flipped"));
        Files.write(damaged.resolve(Journal.FILE), flipped);
        Journal.Scan scan = Journal.read(damaged.resolve(Journal.FILE), TemplateCipher.CLEAR, e -> { });
        assertTrue(scan.torn());
        assertEquals(10, scan.lastSeq());
    }

    @Test
    void redoingEveryEntryOverStoreFilesThatHoldThemChangesNothing() {
        Nik a = eyesOnly(1).nik();
        Nik b = eyesOnly(2).nik();
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100);
             IrisGallery irises = new IrisGallery(dir, 1);
             FingerIndex fingers = FingerIndex.open(dir);
             DemographicIndex demographics = DemographicIndex.open(dir, null, false);
             StoreCommits commits = StoreCommits.open(dir, store, fingers, irises, demographics, TemplateCipher.CLEAR,
                     Durability.NONE)) {
            commits.enroll(eyesOnly(2), List.of(eye(2)), null, WHEN);                     // B = person 2
            commits.delete(b, "wrongly merged", WHEN);                           // B deleted
            commits.enroll(eyesOnly(1), List.of(eye(1)), null, WHEN);                     // A = person 1
            commits.update(new JournalEntry.Update(0, WHEN, a, b, "moved", null, null, null), WHEN); // A -> B
        }
        // forget the checkpoint: every entry is redone over files that already hold it
        assertTrue(dir.resolve(Checkpoint.FILE).toFile().delete());
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100);
             IrisGallery irises = new IrisGallery(dir, 1);
             FingerIndex fingers = FingerIndex.open(dir);
             DemographicIndex demographics = DemographicIndex.open(dir, null, false);
             StoreCommits commits = StoreCommits.open(dir, store, fingers, irises, demographics, TemplateCipher.CLEAR,
                     Durability.NONE)) {
            assertEquals(4, commits.redone());
            assertTrue(store.contains(b), "the delete of B's first holder must not remove its later holder");
            assertFalse(store.contains(a));
            assertEquals("moved", store.get(b).orElseThrow().name());
            assertEquals(1, store.size());
            assertEquals(0, store.deleted(), "the tombstone gave way to the NIK's new holder");
            assertEquals(3, irises.size(EyePosition.RIGHT), "no iris code appended twice (B, A, A re-keyed as B)");
            assertEquals(List.of(b.value()), demographics.niks(), "the demographic index holds B under its new name");
            assertEquals("moved", demographics.search(id.satunik.DemographicQuery.byName("moved")).getFirst().name());
        }
    }

    private StoreCommits commits(PersonStore store, IrisGallery irises, FingerIndex fingers,
                                 DemographicIndex demographics) {
        return StoreCommits.open(dir, store, fingers, irises, demographics, TemplateCipher.CLEAR, Durability.NONE);
    }

    /** Opens the store as the engine does (no count at open) and returns {live, deleted, redone}. */
    private long[] reopen() {
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100, TemplateCipher.CLEAR, null, true, false);
             IrisGallery irises = new IrisGallery(dir, 1);
             FingerIndex fingers = FingerIndex.open(dir);
             DemographicIndex demographics = DemographicIndex.open(dir, null, false);
             StoreCommits commits = commits(store, irises, fingers, demographics)) {
            return new long[] {store.size(), store.deleted(), commits.redone()};
        }
    }

    @Test
    void theCheckpointSavesThePersonCountsAndAnOpenWithNothingToRedoTakesThem() throws Exception {
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100, TemplateCipher.CLEAR, null, true, false);
             IrisGallery irises = new IrisGallery(dir, 1);
             FingerIndex fingers = FingerIndex.open(dir);
             DemographicIndex demographics = DemographicIndex.open(dir, null, false);
             StoreCommits commits = commits(store, irises, fingers, demographics)) {
            for (int i = 1; i <= 3; i++) {
                commits.enroll(eyesOnly(i), List.of(eye(i)), null, WHEN);
            }
            commits.delete(eyesOnly(2).nik(), "duplicate", WHEN);
        }
        Checkpoint saved = Checkpoint.read(dir);
        assertEquals(List.of(2L, 1L, 3L), List.of(saved.live(), saved.deleted(), saved.entries()));
        assertEquals(List.of(2L, 1L, 0L), Arrays.stream(reopen()).boxed().toList());

        // the saved counts are taken as they are (no pass over the persons): counts planted in the checkpoint show
        new Checkpoint(saved.seq(), saved.offset(), 7, 5, saved.entries()).write(dir);
        assertEquals(7, reopen()[0]);
        // ... unless the store's entries disagree with them (changed outside the journal): then it counts
        new Checkpoint(saved.seq(), saved.offset(), 7, 5, 99).write(dir);
        assertEquals(List.of(2L, 1L), Arrays.stream(reopen()).boxed().toList().subList(0, 2));
        // a checkpoint of the first layout (20 bytes, no counts) is read, and the persons counted
        Files.write(dir.resolve(Checkpoint.FILE), Arrays.copyOf(first(saved.seq(), saved.offset()), 20));
        assertEquals(List.of(2L, 1L), Arrays.stream(reopen()).boxed().toList().subList(0, 2));
        assertTrue(Checkpoint.read(dir).hasCounts(), "the open's checkpoint saves them again");

        // after a crash: a delete reached the person store (a tombstone: same number of entries) but not a checkpoint
        byte[] before = Files.readAllBytes(dir.resolve(Checkpoint.FILE));
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100, TemplateCipher.CLEAR, null, true, false);
             IrisGallery irises = new IrisGallery(dir, 1);
             FingerIndex fingers = FingerIndex.open(dir);
             DemographicIndex demographics = DemographicIndex.open(dir, null, false);
             StoreCommits commits = commits(store, irises, fingers, demographics)) {
            commits.delete(eyesOnly(3).nik(), "duplicate", WHEN);
        }
        Files.write(dir.resolve(Checkpoint.FILE), before);
        long[] afterCrash = reopen();
        assertEquals(1, afterCrash[2], "the delete is redone");
        assertEquals(List.of(1L, 2L), List.of(afterCrash[0], afterCrash[1]), "counted, not taken from the checkpoint");
    }

    /** A checkpoint in the first layout: seq | offset | CRC32C of the 16 bytes. */
    private static byte[] first(long seq, long offset) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(20).putLong(seq).putLong(offset);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes.array(), 0, 16);
        return bytes.putInt((int) crc.getValue()).array();
    }
}
