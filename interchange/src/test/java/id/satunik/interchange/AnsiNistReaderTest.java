package id.satunik.interchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.InvalidInputException;
import id.satunik.Sex;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.MatchRule;
import id.satunik.matcher.PersonFingerprints;
import id.satunik.matcher.PersonProbe;
import id.satunik.testing.AnsiNistFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnsiNistReaderTest {
    private final AnsiNistReader reader = new AnsiNistReader(Type2Fields.DEFAULT);
    private final FingerprintExtractor extractor = new FingerprintExtractor();

    @TempDir
    Path dir;

    /** NIST's Type-4 ten-print card: ten rolled fingers at 500 dpi; plain thumbs and slaps left aside, said why. */
    @Test
    void tenPrintCardGivesTenRolledFingers() {
        AnsiNistTransaction card = reader.read(AnsiNistFiles.reference("type-4-tpcard.an2"));
        assertEquals(EnumSet.allOf(FingerPosition.class), card.fingers().keySet());
        assertEquals(500, card.dpi(), "Type-1 NTR 19.69 px/mm");
        assertEquals(4, card.notes().size(), card.notes().toString());
        assertTrue(card.notes().stream().anyMatch(n -> n.contains("finger position 13 (four-finger slap)")), card.notes().toString());
        assertTrue(card.notes().stream().anyMatch(n -> n.contains("RIGHT_THUMB already taken from Type-4 record IDC 1")),
                card.notes().toString());
        assertNull(card.nik(), "the reference card's Type-2 holds only a placeholder");
        for (FingerPosition position : List.of(FingerPosition.RIGHT_THUMB, FingerPosition.LEFT_LITTLE)) {
            FingerTemplate t = extractor.extract(position, card.fingers().get(position), card.dpi());
            assertTrue(t.minutiae() >= 20, position + ": " + t.minutiae() + " minutiae in a rolled print");
        }
    }

    /** The same card as Type-14 (WSQ 2.0, pixel scale in px/cm) matches the Type-4 card finger by finger. */
    @Test
    void type14CardMatchesTheType4CardFingerByFinger() {
        AnsiNistTransaction t4 = reader.read(AnsiNistFiles.reference("type-4-tpcard.an2"));
        AnsiNistTransaction t14 = reader.read(AnsiNistFiles.reference("type-14-tpcard-nqm.an2"));
        assertEquals(500, t14.dpi(), "197 px/cm");
        assertEquals(t4.fingers().keySet(), t14.fingers().keySet());
        List<FingerPosition> two = List.of(FingerPosition.RIGHT_INDEX, FingerPosition.LEFT_THUMB);
        PersonProbe probe = new PersonProbe(two.stream().map(p -> extractor.extract(p, t14.fingers().get(p), 500)).toList());
        double[] perFinger = new double[10];
        double score = probe.score(new PersonFingerprints(two.stream()
                .map(p -> extractor.extract(p, t4.fingers().get(p), 500)).toList()), perFinger);
        assertTrue(score >= MatchRule.DEFAULT_THRESHOLD, "same card: " + score);
    }

    /**
     * Type-17, eye label 2: the left eye, its PNG passed on as sent. (SatuNIK's segmenter, tuned on CASIA
     * near-infrared captures, finds no pupil in this 449x312 NIST sample: the engine drops it as an unusable
     * sample, which is the engine's call, not the reader's.)
     */
    @Test
    void irisRecordGivesTheLeftEye() throws IOException {
        AnsiNistTransaction iris = reader.read(AnsiNistFiles.reference("type-17-iris.an2"));
        assertEquals(Map.of(), iris.fingers());
        assertEquals(EnumSet.of(EyePosition.LEFT), EnumSet.copyOf(iris.irises().keySet()));
        java.awt.image.BufferedImage eye = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(iris.irises().get(EyePosition.LEFT).read()));
        assertEquals(449, eye.getWidth());
        assertEquals(312, eye.getHeight());
    }

    @Test
    void type2DemographicsBecomeTheRecord() throws IOException {
        Path file = AnsiNistFiles.withType2("type-4-tpcard.an2", Map.of(16, "3507014101900001", 18, "AMINAH,SITI",
                20, "Kab. Malang", 22, "19900101", 24, "F"), dir.resolve("siti.an2"));
        AnsiNistTransaction t = reader.read(file);
        EnrollmentRecord record = t.toRecord(null);
        assertEquals("3507014101900001", record.nik());
        assertEquals("SITI AMINAH", record.name(), "EBTS LAST,FIRST turned around, case kept");
        assertEquals(LocalDate.of(1990, 1, 1), record.birthDate());
        assertEquals(Sex.FEMALE, record.sex());
        assertEquals("Kab. Malang", record.region());
        assertEquals(10, record.fingers().size());
        record.validate();

        Type2Fields other = Type2Fields.DEFAULT.with("nik", "2.031");
        assertNull(new AnsiNistReader(other).read(file).nik(), "2.031 is empty");
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndRecord() throws IOException {
        InvalidInputException jpegl = assertThrows(InvalidInputException.class,
                () -> reader.read(AnsiNistFiles.reference("type-10-14-17-piv-index-iris.an2")));
        assertTrue(jpegl.getMessage().contains("type-10-14-17-piv-index-iris.an2")
                && jpegl.getMessage().contains("Type-14 record IDC 03") && jpegl.getMessage().contains("JPEGL"), jpegl.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage.an2"), "this is not a transaction");
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> reader.read(garbage));
        assertTrue(bad.getMessage().contains("garbage.an2"), bad.getMessage());

        byte[] whole = Files.readAllBytes(AnsiNistFiles.reference("type-17-iris.an2"));
        Path cut = Files.write(dir.resolve("cut.an2"), java.util.Arrays.copyOf(whole, whole.length / 2));
        InvalidInputException truncated = assertThrows(InvalidInputException.class, () -> reader.read(cut));
        assertTrue(truncated.getMessage().contains("cut.an2"), truncated.getMessage());

        Path badDate = AnsiNistFiles.withType2("type-17-iris.an2", Map.of(22, "1990-01-01"), dir.resolve("date.an2"));
        InvalidInputException date = assertThrows(InvalidInputException.class, () -> reader.read(badDate));
        assertTrue(date.getMessage().contains("2.022 (birth date) \"1990-01-01\""), date.getMessage());

        assertThrows(InvalidInputException.class, () -> reader.read(dir.resolve("missing.an2")));
    }
}
