package id.satunik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrollmentRecordTest {
    private static final ImageSource PRINT = ImageSource.of(Path.of("101_1.tif"));

    private static EnrollmentRecord.Builder siti() {
        return EnrollmentRecord.builder("3507014101900001").name("Siti Aminah")
                .birthDate(LocalDate.of(1990, 1, 1)).sex(Sex.FEMALE)
                .finger(FingerPosition.RIGHT_THUMB, PRINT);
    }

    @Test
    void aConsistentRecordValidatesToItsNik() {
        assertEquals(Nik.parse("3507014101900001"), siti().build().validate());
        EnrollmentRecord.Builder born00 = EnrollmentRecord.builder("3507014101000001").sex(Sex.FEMALE)
                .finger(FingerPosition.RIGHT_THUMB, PRINT);
        assertEquals(Nik.parse("3507014101000001"), born00.birthDate(LocalDate.of(1900, 1, 1)).build().validate(),
                "the NIK's two-digit year says nothing about the century");
        assertEquals(Nik.parse("3507014101000001"), born00.birthDate(LocalDate.of(2000, 1, 1)).build().validate());
    }

    @Test
    void birthDatesMustBePlausibleNotOnlyAgreeWithTheNik() {
        // issue 9: both passed, since only the NIK's two-digit year was compared
        InvalidInputException future = assertThrows(InvalidInputException.class, () -> EnrollmentRecord
                .builder("3507010501900001").birthDate(LocalDate.of(2190, 1, 5)).sex(Sex.MALE)
                .finger(FingerPosition.RIGHT_THUMB, PRINT).build().validate());
        assertTrue(future.getMessage().contains("birth date 2190-01-05 is in the future"), future.getMessage());
        InvalidInputException past = assertThrows(InvalidInputException.class, () -> EnrollmentRecord
                .builder("3507010601900001").birthDate(LocalDate.of(1790, 1, 6)).sex(Sex.MALE)
                .finger(FingerPosition.RIGHT_THUMB, PRINT).build().validate());
        assertTrue(past.getMessage().contains("birth date 1790-01-06 is before 1900-01-01"), past.getMessage());
        assertThrows(InvalidInputException.class, () -> siti().birthDate(LocalDate.of(1890, 1, 1)).build().validate());
    }

    @Test
    void textFieldsAreBoundedAndValidUnicode() {
        InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                () -> siti().name("A".repeat(70_000)).build().validate());
        assertTrue(tooLong.getMessage().contains("name is 70000 characters long"), tooLong.getMessage());
        InvalidInputException surrogate = assertThrows(InvalidInputException.class,
                () -> siti().region("Malang \ud800").build().validate());
        assertTrue(surrogate.getMessage().contains("region holds an unpaired UTF-16 surrogate \\uD800"),
                surrogate.getMessage());
        assertEquals("a\uFFFDb\uD83D\uDE00", InputLimits.withoutLoneSurrogates("a\uDC00b\uD83D\uDE00"));
        siti().name("Siti \uD83D\uDE00 Aminah").build().validate(); // a real pair is fine
    }

    @Test
    void sexThatDisagreesWithTheNikIsAnInputError() {
        InvalidInputException man = assertThrows(InvalidInputException.class, () -> siti().sex(Sex.MALE).build().validate());
        assertEquals("record 3507014101900001", man.subject());
        assertTrue(man.reason().startsWith("NIK and sex disagree: day 41 is not a valid date for a man"), man.reason());

        InvalidInputException woman = assertThrows(InvalidInputException.class, () -> EnrollmentRecord
                .builder("3507010101900001").sex(Sex.FEMALE).finger(FingerPosition.RIGHT_THUMB, PRINT).build().validate());
        assertTrue(woman.reason().contains("day 01 is not a valid date for a woman"), woman.reason());
    }

    @Test
    void birthDateThatDisagreesWithTheNikIsAnInputError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> siti().birthDate(LocalDate.of(1990, 1, 2)).build().validate());
        assertEquals("NIK and birth date disagree: the NIK encodes 01-01-90 (DD-MM-YY) but the record says 1990-01-02",
                e.reason());
    }

    @Test
    void invalidNikNamesTheRecordAndTheReason() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EnrollmentRecord.builder("12345").finger(FingerPosition.RIGHT_THUMB, PRINT).build().validate());
        assertEquals("record 12345: invalid NIK: must have 16 digits, has 5 characters", e.getMessage());
    }

    @Test
    void recordWithoutSamplesOrWithAbsurdDpiIsRefused() {
        assertTrue(assertThrows(InvalidInputException.class,
                () -> EnrollmentRecord.builder("3507014101900001").build().validate())
                .reason().contains("no fingerprint and no iris"));
        assertTrue(assertThrows(InvalidInputException.class, () -> siti().dpi(72).build().validate())
                .reason().contains("dpi 72"));
    }

    @Test
    void samplesAreCopiedSoTheRecordStaysImmutable() {
        Map<FingerPosition, ImageSource> fingers = new HashMap<>(Map.of(FingerPosition.LEFT_THUMB, PRINT));
        EnrollmentRecord record = new EnrollmentRecord("3507014101900001", null, null, null, null, 500, fingers, null);
        fingers.put(FingerPosition.LEFT_INDEX, PRINT);
        assertEquals(1, record.fingers().size());
        assertThrows(UnsupportedOperationException.class, () -> record.fingers().put(FingerPosition.LEFT_INDEX, PRINT));
    }

    @Test
    void positionsParseByNameOrIsoCode() {
        assertEquals(FingerPosition.RIGHT_THUMB, FingerPosition.parse("1"));
        assertEquals(FingerPosition.LEFT_LITTLE, FingerPosition.parse("left-little"));
        assertEquals(FingerPosition.LEFT_THUMB, FingerPosition.fromCode(6));
        assertTrue(assertThrows(InvalidInputException.class, () -> FingerPosition.parse("THUMB")).reason()
                .contains("'THUMB'"));
        assertThrows(InvalidInputException.class, () -> FingerPosition.fromCode(11));
        assertEquals(EyePosition.LEFT, EyePosition.parse("l"));
        assertEquals(Sex.FEMALE, Sex.parse("P"));
        assertThrows(InvalidInputException.class, () -> Sex.parse("X"));
    }
}
