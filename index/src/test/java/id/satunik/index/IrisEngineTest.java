package id.satunik.index;

import static id.satunik.index.Records.nik;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DedupDecision.Kind;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.GalleryStats;
import id.satunik.ImageSource;
import id.satunik.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with irises, end to end on real CASIA-Iris-Interval eyes (both eyes of a subject are one person)
 * and FVC fingers: iris-only, finger-only and mixed records, per-eye scores, dropped unusable eyes, reopen.
 */
class IrisEngineTest {
    @TempDir
    Path store;

    private DedupEngine open() {
        return DedupEngine.open(EngineOptions.at(store).withThreads(2).withCapacity(1_000));
    }

    static ImageSource eye(int subject, char side, int image) {
        return ImageSource.of(SharedData.root().resolve("iris/casia-iris-interval")
                .resolve(String.format(Locale.ROOT, "S1%03d%c%02d.jpg", subject, side, image)));
    }

    /** Both eyes of CASIA-Iris-Interval subject {@code subject}, image {@code image} of each. */
    static EnrollmentRecord.Builder eyes(String nik, int subject, int image) {
        return EnrollmentRecord.builder(nik)
                .iris(EyePosition.RIGHT, eye(subject, 'R', image))
                .iris(EyePosition.LEFT, eye(subject, 'L', image));
    }

    /** CASIA-Iris-Interval subjects with at least four images of each eye. */
    static final int[] SUBJECTS = {1, 2, 7, 8, 11, 19, 28, 29, 30, 36};

    @Test
    void irisOnlyRecordsFollowTheOneNikRule() {
        try (DedupEngine engine = open()) {
            for (int p = 1; p <= 6; p++) {
                DedupDecision d = engine.dedup(eyes(nik(p), SUBJECTS[p - 1], 1).build());
                assertEquals(Kind.ENROLLED, d.kind(), d.toString());
            }
            // person 3 again under another NIK, other images of both eyes
            DedupDecision duplicate = engine.dedup(eyes(nik(99), SUBJECTS[2], 3).build());
            assertEquals(Kind.DUPLICATE, duplicate.kind(), duplicate.toString());
            assertEquals(1, duplicate.matches().size(), duplicate.toString());
            Candidate match = duplicate.matches().getFirst();
            assertEquals(nik(3), match.nik().value());
            assertEquals(2, match.irisScores().size(), "both eyes compared: " + match);
            assertTrue(match.fingerScores().isEmpty());
            assertTrue(match.score() >= match.irisScores().values().stream().mapToDouble(Double::doubleValue).max()
                    .orElseThrow(), "two matching eyes fuse above either: " + match);

            // person 4 under its own NIK: a re-submission
            DedupDecision again = engine.dedup(eyes(nik(4), SUBJECTS[3], 2).build());
            assertEquals(Kind.ALREADY_ENROLLED, again.kind(), again.toString());
            // person 5's NIK with person 6's eyes: the holder's eyes do not match, person 6's do
            DedupDecision conflict = engine.dedup(eyes(nik(5), SUBJECTS[5], 2).build());
            assertInstanceOf(DedupDecision.NikConflict.class, conflict);
            assertTrue(((DedupDecision.NikConflict) conflict).holder().score() < 40, conflict.toString());
            assertEquals(nik(6), conflict.matches().getFirst().nik().value(), conflict.reason());
            assertTrue(engine.comparisons() >= 6 * 2, "eye comparisons count: " + engine.comparisons());
        }
    }

    @Test
    void mixedRecordsFuseFingersAndEyesAndDropAnUnusableEye() {
        try (DedupEngine engine = open()) {
            EnrollmentRecord first = eyes(nik(10), SUBJECTS[2], 1)
                    .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc("fvc2002-db1b", 101, 1)))
                    .build();
            assertEquals(Kind.ENROLLED, engine.dedup(first).kind());
            // the same person: another finger impression, one good eye, and a "left eye" that is a fingerprint
            EnrollmentRecord second = EnrollmentRecord.builder(nik(11))
                    .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc("fvc2002-db1b", 101, 2)))
                    .iris(EyePosition.RIGHT, eye(SUBJECTS[2], 'R', 2))
                    .iris(EyePosition.LEFT, ImageSource.of(SharedData.fvc("fvc2002-db1b", 102, 1)))
                    .build();
            DedupDecision d = engine.dedup(second);
            assertEquals(Kind.DUPLICATE, d.kind(), d.toString());
            Candidate match = d.matches().getFirst();
            assertEquals(List.of(FingerPosition.RIGHT_THUMB), List.copyOf(match.fingerScores().keySet()));
            assertEquals(List.of(EyePosition.RIGHT), List.copyOf(match.irisScores().keySet()));
            assertTrue(match.score() > match.fingerScores().get(FingerPosition.RIGHT_THUMB), match.toString());
            assertEquals(1, d.droppedSamples().size(), d.droppedSamples().toString());
            assertTrue(d.droppedSamples().getFirst().startsWith("LEFT iris image "), d.droppedSamples().toString());

            // a record whose only sample is an unusable eye is rejected with the eye's reason
            DedupDecision rejected = engine.dedup(EnrollmentRecord.builder(nik(12))
                    .iris(EyePosition.RIGHT, ImageSource.of(SharedData.fvc("fvc2002-db1b", 104, 1))).build());
            assertEquals(Kind.REJECTED, rejected.kind());
            assertTrue(rejected.reason().contains("no usable iris: RIGHT iris image"), rejected.reason());
        }
    }

    @Test
    void personRecordsKeepTheirIrisSlots() {
        PersonRecord person = new PersonRecord(id.satunik.Nik.parse(nik(1)), null, null, null, null,
                java.time.Instant.ofEpochMilli(1_700_000_000_000L), List.of(),
                java.util.Map.of(EyePosition.RIGHT, 7, EyePosition.LEFT, 123_456), 5_000_000_000L);
        PersonRecord decoded = PersonCodec.decode(PersonCodec.encode(person));
        assertEquals(person, decoded);
        assertEquals(123_456, decoded.irisSlots().get(EyePosition.LEFT));
        // a record written before irises (format version 1: no iris part) still reads, with no slots
        byte[] v2 = PersonCodec.encode(new PersonRecord(person.nik(), null, null, null, null, person.enrolledAt(),
                List.of()));
        // no checksum (v4), no finger ordinal (v3), no iris count (v2): 4 + 8 + 1 bytes (cutting 9 left 4 stray bytes,
        // which the decoder now refuses as damage)
        byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 13);
        v1[2] = 1;
        assertEquals(java.util.Map.of(), PersonCodec.decode(v1).irisSlots());
    }

    @Test
    void irisCodesSurviveReopenAndIdentifyShowsPerEyeScores() {
        try (DedupEngine engine = open()) {
            for (int p = 7; p <= 10; p++) {
                assertEquals(Kind.ENROLLED, engine.dedup(eyes(nik(p), SUBJECTS[p - 1], 1).build()).kind());
            }
            // a fingerprint-only person: no iris file is needed for them
            assertEquals(Kind.ENROLLED, engine.dedup(Records.single(nik(20), "fvc2002-db1b", 105, 1)).kind());
        }
        try (DedupEngine engine = open()) {
            GalleryStats stats = engine.stats();
            assertEquals(5, stats.persons());
            assertEquals(IrisCodeFile.HEADER_BYTES + 4L * IrisCodeFile.RECORD_BYTES,
                    stats.files().get("iris-left.codes"), stats.toString());
            List<Candidate> found = engine.identify(EnrollmentRecord.builder("")
                    .iris(EyePosition.LEFT, eye(SUBJECTS[8], 'L', 4)).build());
            assertEquals(nik(9), found.getFirst().nik().value(), found.toString());
            assertTrue(found.getFirst().score() >= 40, found.toString());
            assertEquals(List.of(EyePosition.LEFT), List.copyOf(found.getFirst().irisScores().keySet()));
            assertFalse(found.stream().skip(1).anyMatch(c -> c.score() >= 40), "only one person matches: " + found);
            DedupDecision again = engine.dedup(eyes(nik(99), SUBJECTS[7], 2).build());
            assertEquals(Kind.DUPLICATE, again.kind(), again.toString());
            assertEquals(nik(8), again.matches().getFirst().nik().value());
        }
    }
}
