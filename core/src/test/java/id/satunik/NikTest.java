package id.satunik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NikTest {

    @Test
    void decodesEveryField() {
        Nik nik = Nik.parse(" 3507014101900001 ");
        assertEquals("3507014101900001", nik.value());
        assertEquals("35", nik.provinceCode());
        assertEquals("Jawa Timur", nik.provinceName());
        assertEquals("3507", nik.regencyCode());
        assertEquals("350701", nik.districtCode());
        assertEquals(Sex.FEMALE, nik.sex());
        assertEquals(1, nik.birthDay());
        assertEquals(1, nik.birthMonth());
        assertEquals(90, nik.birthYearOfCentury());
        assertEquals(1, nik.serial());
        assertTrue(nik.encodesBirthDate(LocalDate.of(1990, 1, 1)));
        assertFalse(nik.encodesBirthDate(LocalDate.of(1991, 1, 1)));
        assertEquals(Sex.MALE, Nik.parse("3171053112850123").sex());
        assertEquals(31, Nik.parse("3171053112850123").birthDay());
    }

    @Test
    void roundTripsThroughLongIncludingLeadingDigits() {
        Nik nik = Nik.parse("1101010101000001");
        assertEquals(nik, Nik.fromLong(nik.toLong()));
    }

    @Test
    void everyProvinceOfTheKemendagriListIsAcceptedIncludingThe2022PapuaProvinces() {
        for (String code : new String[] {"11", "19", "21", "31", "36", "51", "65", "76", "82", "91", "92", "93", "94", "95", "96"}) {
            assertEquals(code, Nik.parse(code + "01010101900001").provinceCode());
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "350701410190001   | must have 16 digits, has 15 characters",
        "35070141019000011 | must have 16 digits, has 17 characters",
        "35070141019O0001  | must hold digits only: 'O' at position 12",
        "2007014101900001  | province code 20 is not on the Kemendagri list",
        "9907014101900001  | province code 99 is not on the Kemendagri list",
        "3500014101900001  | regency/city code 00 does not exist",
        "3507004101900001  | district code 00 does not exist",
        "3507010001900001  | birth day 00 is neither a man's day (01-31) nor a woman's (41-71, day + 40)",
        "3507013501900001  | birth day 35 is neither a man's day",
        "3507017201900001  | birth day 72 is neither a man's day",
        "3507011513900001  | birth month 13 is not a month",
        "3507011500900001  | birth month 00 is not a month",
        "3507013104900001  | day 31 is not a valid date for a man: April 90 has no day 31",
        "3507017104900001  | day 71 is not a valid date for a woman: 71 - 40 = 31, and April 90 has no day 31",
        "3507013002900001  | day 30 is not a valid date for a man: February 90 has no day 30",
        "3507012902010001  | day 29 is not a valid date for a man: February 01 has no day 29",
        "3507014101900000  | serial 0000 does not exist",
    })
    void refusesWithTheExactReason(String text, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Nik.parse(text));
        assertTrue(e.reason().startsWith(reason), e.reason());
        assertTrue(e.getMessage().startsWith("NIK " + text.strip()), e.getMessage());
    }

    @Test
    void leapDaysExistWhenEitherCenturyHasThem() {
        assertEquals(29, Nik.parse("3507012902000001").birthDay(), "29 Feb 2000 exists");
        assertEquals(29, Nik.parse("3507016902960001").birthDay(), "a woman born 29 Feb 1996");
        assertThrows(InvalidInputException.class, () -> Nik.parse("3507012902970001"));
    }

    @Test
    void missingNikIsRefused() {
        assertEquals("missing", assertThrows(InvalidInputException.class, () -> Nik.parse(null)).reason());
        assertEquals("missing", assertThrows(InvalidInputException.class, () -> Nik.parse("  ")).reason());
    }
}
