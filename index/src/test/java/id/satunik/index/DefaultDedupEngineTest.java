package id.satunik.index;

import static id.satunik.index.Records.chimeric;
import static id.satunik.index.Records.nik;
import static id.satunik.index.Records.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DedupDecision.Kind;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end on real FVC fingerprints and a real Chronicle Map store on disk. */
class DefaultDedupEngineTest {
    private static final String DB = "fvc2002-db1b";

    @TempDir
    Path store;

    private DedupEngine open(int threads) {
        return DedupEngine.open(EngineOptions.at(store).withThreads(threads).withCapacity(2_000));
    }

    @Test
    void oneNikPerPersonOnSingleFingers() {
        try (DedupEngine engine = open(2)) {
            List<EnrollmentRecord> batch = new ArrayList<>();
            for (int f = 0; f < 10; f++) {
                batch.add(single(nik(100 + f), DB, 101 + f, 1));      // first recording
            }
            for (int f = 0; f < 10; f++) {
                batch.add(single(nik(200 + f), DB, 101 + f, 2));      // same finger, another NIK
            }
            for (int f = 0; f < 10; f++) {
                batch.add(single(nik(100 + f), DB, 101 + f, 3));      // same finger, own NIK again
            }
            batch.add(single(nik(100), DB, 102, 1));                   // NIK of finger 101, finger 102's print
            List<DedupDecision> decisions = new ArrayList<>();
            engine.dedupAll(batch, decisions::add);

            assertEquals(batch.size(), decisions.size());
            for (int f = 0; f < 10; f++) {
                DedupDecision first = decisions.get(f);
                assertEquals(Kind.ENROLLED, first.kind(), first.toString());
                assertEquals(nik(100 + f), first.nik(), "decisions come back in input order");

                DedupDecision duplicate = decisions.get(10 + f);
                assertEquals(Kind.DUPLICATE, duplicate.kind(), duplicate.toString());
                assertEquals(nik(100 + f), duplicate.matches().getFirst().nik().value());
                assertTrue(duplicate.matches().getFirst().score() >= 40);
                assertEquals(1, duplicate.matches().size(), "no other finger matches: " + duplicate);

                DedupDecision again = decisions.get(20 + f);
                assertEquals(Kind.ALREADY_ENROLLED, again.kind(), again.toString());
            }
            DedupDecision conflict = decisions.get(30);
            assertInstanceOf(DedupDecision.NikConflict.class, conflict);
            assertEquals(nik(101), conflict.matches().getFirst().nik().value(), conflict.reason());
            assertTrue(((DedupDecision.NikConflict) conflict).holder().score() < 40);
            assertEquals(10, engine.stats().persons(), "only the ten first recordings were enrolled");
            assertTrue(engine.comparisons() > 0);
        }
    }

    @Test
    void chimericMultiFingerPersonsFuseTheirFingers() {
        try (DedupEngine engine = open(2)) {
            for (int p = 0; p < 3; p++) {
                assertEquals(Kind.ENROLLED, engine.dedup(chimeric(nik(300 + p), p, 1)).kind());
            }
            DedupDecision duplicate = engine.dedup(chimeric(nik(400), 1, 2));
            assertEquals(Kind.DUPLICATE, duplicate.kind(), duplicate.toString());
            Candidate match = duplicate.matches().getFirst();
            assertEquals(nik(301), match.nik().value());
            assertEquals(3, match.fingerScores().size(), "every shared position was compared");
            double best = match.fingerScores().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertTrue(match.score() > best, "three agreeing fingers say more than the best alone");
            assertEquals(3, engine.stats().persons());
            assertEquals(9, engine.stats().fingerprints());
        }
    }

    @Test
    void galleryPersistsAcrossReopen() {
        try (DedupEngine engine = open(2)) {
            for (int f = 0; f < 4; f++) {
                assertEquals(Kind.ENROLLED, engine.dedup(single(nik(500 + f), DB, 101 + f, 1)).kind());
            }
        }
        try (DedupEngine reopened = open(1)) {
            assertEquals(4, reopened.stats().persons());
            assertEquals(4, reopened.stats().fingerprints());
            assertTrue(reopened.stats().files().get(ChronicleMapPersonStore.FILE) > 0);
            DedupDecision duplicate = reopened.dedup(single(nik(600), DB, 103, 4));
            assertEquals(Kind.DUPLICATE, duplicate.kind(), duplicate.toString());
            assertEquals(nik(502), duplicate.matches().getFirst().nik().value());
            assertEquals(nik(502), reopened.identify(single(nik(601), DB, 103, 5)).getFirst().nik().value());
            List<Candidate> anonymous = reopened.identify(single(null, DB, 104, 6));
            assertEquals(nik(503), anonymous.getFirst().nik().value(), "a probe needs no NIK");
            assertEquals(4, anonymous.size(), "the whole gallery, ranked, up to the candidate limit");
            assertTrue(anonymous.get(1).score() < 40 && anonymous.get(1).score() <= anonymous.get(0).score());
        }
    }

    @Test
    void badInputIsRejectedWithItsReasonAndChangesNothing(@TempDir Path dir) throws IOException {
        Path corrupt = Files.write(dir.resolve("corrupt.tif"),
                Arrays.copyOf(Files.readAllBytes(SharedData.fvc(DB, 101, 1)), 300));
        Path tiny = dir.resolve("tiny.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                "png", tiny.toFile());
        Path blank = dir.resolve("blank.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(300, 300, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                "png", blank.toFile());
        try (DedupEngine engine = open(2)) {
            assertEquals(Kind.ENROLLED, engine.dedup(single(nik(700), DB, 101, 1)).kind());

            assertRejected(engine.dedup(single("3507010101900", DB, 102, 1)), "invalid NIK: must have 16 digits");
            assertRejected(engine.dedup(single("9907010101900001", DB, 102, 1)), "province code 99");
            assertRejected(engine.dedup(EnrollmentRecord.builder("3507014501900001").sex(id.satunik.Sex.MALE)
                    .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc(DB, 102, 1))).build()),
                    "day 45 is not a valid date for a man");
            assertRejected(engine.dedup(EnrollmentRecord.builder(nik(701))
                    .birthDate(java.time.LocalDate.of(1991, 1, 1))
                    .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc(DB, 102, 1))).build()),
                    "NIK and birth date disagree");
            assertRejected(engine.dedup(fingerFrom(nik(702), dir.resolve("missing.tif"))), "image file not found");
            assertRejected(engine.dedup(fingerFrom(nik(703), corrupt)), "corrupt.tif");
            assertRejected(engine.dedup(fingerFrom(nik(704), tiny)), "too small to hold a fingerprint");
            assertRejected(engine.dedup(fingerFrom(nik(705), blank)), "no usable finger");
            assertRejected(engine.dedup(EnrollmentRecord.builder(nik(706)).build()), "carries no fingerprint and no iris");
            // A second enrollment of the same record through enroll(): refused, nothing changes.
            assertRejected(engine.enroll(single(nik(700), DB, 101, 1)), "already enrolled");

            assertEquals(1, engine.stats().persons(), "no rejected record touched the gallery");
            assertEquals(Kind.ALREADY_ENROLLED, engine.dedup(single(nik(700), DB, 101, 1)).kind());
        }
    }

    @Test
    void unusableFingerIsDroppedAndTheRestEnrolled(@TempDir Path dir) throws IOException {
        Path blank = dir.resolve("blank.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(300, 300, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                "png", blank.toFile());
        try (DedupEngine engine = open(2)) {
            EnrollmentRecord record = EnrollmentRecord.builder(nik(800))
                    .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc(DB, 105, 1)))
                    .finger(FingerPosition.LEFT_RING, ImageSource.of(blank))
                    .build();
            DedupDecision decision = engine.dedup(record);
            assertEquals(Kind.ENROLLED, decision.kind());
            assertEquals(1, decision.droppedSamples().size());
            assertTrue(decision.droppedSamples().getFirst().startsWith("LEFT_RING image"), decision.droppedSamples().toString());
            assertTrue(decision.reason().contains("left out as unusable: LEFT_RING image"), decision.reason());
            assertEquals(1, engine.stats().fingerprints());
        }
    }

    @Test
    void rankingDoesNotDependOnThreadCount() {
        try (DedupEngine engine = open(2)) {
            for (int f = 0; f < 9; f++) { // finger 110_1 of this set holds only 5 minutiae: refused
                for (int i = 1; i <= 3; i++) {
                    DedupDecision decision = engine.enroll(single(nik(1000 + f * 10 + i), "fvc2000-db1b", 101 + f, i));
                    assertEquals(Kind.ENROLLED, decision.kind(), decision.toString());
                }
            }
        }
        List<List<Candidate>> byThreads = new ArrayList<>();
        for (int threads : new int[] {1, 2, 3, 8}) {
            try (DedupEngine engine = DedupEngine.open(EngineOptions.at(store).withThreads(threads).withCandidateLimit(7))) {
                List<Candidate> all = new ArrayList<>();
                for (int f = 0; f < 9; f += 3) {
                    all.addAll(engine.identify(single(nik(9000), "fvc2000-db1b", 101 + f, 4)));
                }
                byThreads.add(all);
            }
        }
        assertEquals(21, byThreads.getFirst().size(), "7 candidates for each of 3 probes");
        for (List<Candidate> other : byThreads) {
            assertEquals(byThreads.getFirst(), other, "same candidates, scores and order for 1, 2, 3 and 8 threads");
        }
    }

    @Test
    void concurrentSubmissionsOfOnePersonEnrollItOnce() throws Exception {
        try (DedupEngine engine = open(2); ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Callable<DedupDecision>> submissions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int impression = 1 + i;
                submissions.add(() -> engine.dedup(single(nik(1200 + impression), DB, 107, impression)));
            }
            List<Kind> kinds = new ArrayList<>();
            for (Future<DedupDecision> future : clients.invokeAll(submissions)) {
                kinds.add(future.get().kind());
            }
            assertEquals(1, kinds.stream().filter(k -> k == Kind.ENROLLED).count(), kinds.toString());
            assertEquals(3, kinds.stream().filter(k -> k == Kind.DUPLICATE).count(), kinds.toString());
            assertEquals(1, engine.stats().persons());
        }
    }

    @Test
    void aStoreIsOpenedByOneEngineAtATime() {
        try (DedupEngine engine = open(1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(1));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertEquals(0, engine.stats().persons());
        }
        try (DedupEngine again = open(1)) {
            assertEquals(0, again.stats().persons(), "the lock is released on close");
        }
    }

    @Test
    void identifyAndVerifyRefuseBadInputWithTheReason(@TempDir Path dir) {
        try (DedupEngine engine = open(1)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> engine.identify(fingerFrom(nik(1300), dir.resolve("nope.tif"))));
            assertTrue(e.getMessage().contains("image file not found"), e.getMessage());
            double genuine = engine.verify(ImageSource.of(SharedData.fvc(DB, 104, 1)),
                    ImageSource.of(SharedData.fvc(DB, 104, 2)), 500);
            double impostor = engine.verify(ImageSource.of(SharedData.fvc(DB, 104, 1)),
                    ImageSource.of(SharedData.fvc(DB, 105, 2)), 500);
            assertTrue(genuine >= 40 && impostor < 40, genuine + " / " + impostor);
            assertThrows(InvalidInputException.class,
                    () -> engine.verify(ImageSource.of(dir.resolve("x.png")), ImageSource.of(SharedData.fvc(DB, 104, 1)), 500));
        }
    }

    private static EnrollmentRecord fingerFrom(String nik, Path image) {
        return EnrollmentRecord.builder(nik).finger(FingerPosition.RIGHT_THUMB, ImageSource.of(image)).build();
    }

    private static void assertRejected(DedupDecision decision, String reasonPart) {
        assertEquals(Kind.REJECTED, decision.kind(), decision.toString());
        assertTrue(decision.reason().contains(reasonPart), "expected '" + reasonPart + "' in: " + decision.reason());
    }

}
