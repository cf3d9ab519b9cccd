package id.satunik.index;

import static id.satunik.index.IrisEngineTest.SUBJECTS;
import static id.satunik.index.IrisEngineTest.eyes;
import static id.satunik.index.Records.nik;
import static id.satunik.index.Records.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Candidate;
import id.satunik.DedupDecision.Kind;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.GalleryStats;
import id.satunik.InvalidInputException;
import id.satunik.PersonCorrection;
import id.satunik.StoreKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating a store: delete, update and compact round trips on real fingers and irises, encryption at rest, and
 * the audit log's hash chain under tampering.
 */
class StoreOperationsTest {
    private static final String DB = "fvc2002-db1b";

    @TempDir
    Path store;

    private EngineOptions options() {
        return EngineOptions.at(store).withThreads(2).withCapacity(500);
    }

    private static List<String> niks(List<Candidate> candidates) {
        return candidates.stream().filter(c -> c.score() >= 40).map(c -> c.nik().value()).toList();
    }

    @Test
    void deleteUpdateAndCompactOnFingersAndIrises() throws Exception {
        EnrollmentRecord fingerProbe = single(null, DB, 101, 5);
        EnrollmentRecord irisProbe = eyes(null, SUBJECTS[1], 3).build();
        try (DedupEngine engine = DedupEngine.open(options())) {
            for (int f = 0; f < 4; f++) {
                assertEquals(Kind.ENROLLED, engine.dedup(single(nik(100 + f), DB, 101 + f, 1)).kind());
            }
            for (int p = 0; p < 3; p++) {
                assertEquals(Kind.ENROLLED, engine.dedup(eyes(nik(200 + p), SUBJECTS[p], 1).build()).kind());
            }
            assertEquals(List.of(nik(100)), niks(engine.identify(fingerProbe)));
            assertEquals(List.of(nik(201)), niks(engine.identify(irisProbe)));

            assertTrue(engine.delete(nik(100), "death certificate 12/2026"));
            assertTrue(engine.delete(nik(201), "court order 7/PDT/2026"));
            assertFalse(engine.delete(nik(100), "again"), "a deleted person is deleted once");
            assertThrows(InvalidInputException.class, () -> engine.delete(nik(101), " "));
            assertEquals(List.of(), niks(engine.identify(fingerProbe)), "a deleted person is never found");
            assertEquals(List.of(), niks(engine.identify(irisProbe)), "a deleted eye is never found");
            GalleryStats stats = engine.stats();
            assertEquals(5, stats.persons());
            assertEquals(2, stats.deleted());

            // the deleted finger's owner under another NIK is a new person now
            assertEquals(Kind.ENROLLED, engine.dedup(single(nik(150), DB, 101, 2)).kind());

            // corrections: demographics, then the NIK; the NIK rules still hold
            engine.update(nik(102), new PersonCorrection(null, "Budi Santoso", null, null, "Kab. Malang"));
            InvalidInputException badNik = assertThrows(InvalidInputException.class,
                    () -> engine.update(nik(102), new PersonCorrection("3507014101900001", null, null,
                            id.satunik.Sex.MALE, null)));
            assertTrue(badNik.getMessage().contains("sex"), badNik.getMessage());
            assertThrows(InvalidInputException.class, () -> engine.update(nik(102), PersonCorrection.nik(nik(103))),
                    "a NIK held by another person");
            assertThrows(InvalidInputException.class, () -> engine.update(nik(100), PersonCorrection.nik(nik(300))),
                    "a deleted person cannot be corrected");
            engine.update(nik(102), PersonCorrection.nik(nik(302)));
            engine.update(nik(202), PersonCorrection.nik(nik(402)));
            assertEquals(List.of(nik(302)), niks(engine.identify(single(null, DB, 103, 4))));
            assertEquals(List.of(nik(402)), niks(engine.identify(eyes(null, SUBJECTS[2], 3).build())));
            assertEquals(Kind.ALREADY_ENROLLED, engine.dedup(single(nik(302), DB, 103, 3)).kind());
            assertEquals(List.of(), engine.verifyStore());
        }
        long irisBytes;
        try (DedupEngine engine = DedupEngine.open(options())) {
            assertEquals(List.of(nik(150)), niks(engine.identify(fingerProbe)), "after reopen");
            assertEquals(List.of(), niks(engine.identify(irisProbe)), "after reopen");
            assertEquals(List.of(nik(302)), niks(engine.identify(single(null, DB, 103, 4))));
            assertEquals(List.of(nik(402)), niks(engine.identify(eyes(null, SUBJECTS[2], 3).build())));
            assertEquals(6, engine.stats().persons());
            assertEquals(2, engine.stats().deleted());
            irisBytes = engine.stats().files().get("iris-right.codes");
        }
        String journalBefore = Files.readString(store.resolve(Journal.FILE), StandardCharsets.ISO_8859_1);
        assertEquals(2, DedupEngine.compact(options()));
        String journalAfter = Files.readString(store.resolve(Journal.FILE), StandardCharsets.ISO_8859_1);
        assertTrue(journalAfter.length() < journalBefore.length(), "deleted persons' entries left the journal");
        try (DedupEngine engine = DedupEngine.open(options())) {
            GalleryStats stats = engine.stats();
            assertEquals(6, stats.persons());
            assertEquals(0, stats.deleted());
            assertEquals(List.of(nik(150)), niks(engine.identify(fingerProbe)));
            assertEquals(List.of(), niks(engine.identify(irisProbe)));
            assertEquals(List.of(nik(302)), niks(engine.identify(single(null, DB, 103, 4))));
            assertEquals(List.of(nik(402)), niks(engine.identify(eyes(null, SUBJECTS[2], 3).build())));
            assertEquals("Budi Santoso", ((DefaultDedupEngine) engine).livePersons().stream()
                    .filter(e -> e.person().nik().value().equals(nik(302))).findFirst().orElseThrow().person().name());
            assertEquals(List.of(), engine.verifyStore());
            // before: 3 enrolled right eyes + 1 re-keyed under the corrected NIK; after: the 2 live ones
            assertEquals(irisBytes - 2 * IrisCodeFile.RECORD_BYTES, (long) stats.files().get("iris-right.codes"),
                    "the deleted eye's and the re-keyed eye's old slots compacted away");
        }
        assertFalse(Files.exists(store.resolve(Compaction.TEMPORARY)));
    }

    @Test
    void encryptedStoreIsRefusedWithoutItsKey() throws Exception {
        StoreKey key = StoreKey.parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "test");
        try (DedupEngine engine = DedupEngine.open(options().withKey(key))) {
            assertEquals(Kind.ENROLLED, engine.dedup(single(nik(1), DB, 104, 1)).kind());
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DedupEngine.open(options()));
        assertTrue(refused.getMessage().contains("encrypted at rest"), refused.getMessage());
        StoreKey other = StoreKey.of(new byte[32]);
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> DedupEngine.open(options().withKey(other)));
        assertTrue(wrong.getMessage().contains("does not open"), wrong.getMessage());
        assertFalse(Files.readString(store.resolve(TemplateCipher.MARKER)).contains("00112233"),
                "the key is never stored beside the data");
        try (DedupEngine engine = DedupEngine.open(options().withKey(key))) {
            assertEquals(List.of(nik(1)), niks(engine.identify(single(null, DB, 104, 2))));
            assertEquals(List.of(), engine.verifyStore());
        }
    }

    @Test
    void tamperedAuditEntryIsDetected() throws Exception {
        try (DedupEngine engine = DedupEngine.open(options().withOperator("op-7"))) {
            engine.dedup(single(nik(1), DB, 105, 1));
            engine.dedup(single(nik(2), DB, 105, 2));
            engine.dedup(single("123", DB, 105, 3));
            engine.delete(nik(1), "wrongly merged record");
            assertEquals(List.of(), engine.verifyStore());
        }
        Path log = store.resolve(AuditLog.FILE);
        List<String> lines = Files.readAllLines(log);
        assertEquals(4, lines.size(), "one entry per decision and per delete: " + lines);
        assertTrue(lines.get(0).contains("\"operator\":\"op-7\"") && lines.get(0).contains("\"outcome\":\"ENROLLED\""),
                lines.get(0));
        assertTrue(lines.get(2).contains("\"outcome\":\"REJECTED\""), lines.get(2));

        List<String> altered = new ArrayList<>(lines);
        altered.set(3, altered.get(3).replace("wrongly merged record", "routine cleanup"));
        Files.write(log, altered);
        List<String> problems = verify();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().startsWith("audit line 4: altered"), problems.toString());

        List<String> removed = new ArrayList<>(lines);
        removed.remove(1);
        Files.write(log, removed);
        problems = verify();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("audit line 2: chain broken")), problems.toString());

        Files.write(log, lines);
        assertEquals(List.of(), verify(), "the original log verifies again");
    }

    private List<String> verify() {
        try (DedupEngine engine = DedupEngine.open(options())) {
            List<String> problems = engine.verifyStore();
            return problems.stream().filter(p -> !p.contains("line 5") && !p.contains("line 6")).toList();
        }
    }
}
