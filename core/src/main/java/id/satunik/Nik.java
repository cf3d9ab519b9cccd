package id.satunik;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A Nomor Induk Kependudukan: the 16-digit Indonesian national identity number, validated on construction.
 *
 * <pre>
 *   PP RR DD  DDMMYY  SSSS
 *   |  |  |   |       serial 0001-9999 within the district and birth date
 *   |  |  |   birth date; a woman's day has 40 added (01-31 men, 41-71 women)
 *   |  |  district (kecamatan) 01-99
 *   |  regency / city (kabupaten / kota) 01-99
 *   province, from the official Kemendagri list
 * </pre>
 *
 * The two-digit birth year cannot say its century, so a date is valid when it exists in 19YY or in 20YY.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param value the 16 digits
 */
public record Nik(String value) implements Comparable<Nik> {
    private static final int WOMAN_DAY_OFFSET = 40;

    /** @throws InvalidInputException with the exact reason when {@code value} is not a valid NIK */
    public Nik {
        String reason = problemWith(value);
        if (reason != null) {
            throw new InvalidInputException("NIK " + (value == null ? "(missing)" : value), reason);
        }
    }

    /** Parses a NIK, ignoring surrounding whitespace. @throws InvalidInputException with the exact reason */
    public static Nik parse(String text) {
        return new Nik(text == null ? null : text.strip());
    }

    /** The NIK stored as a number (16 digits fit a long), for compact keys. */
    public static Nik fromLong(long value) {
        return new Nik(String.format(Locale.ROOT, "%016d", value));
    }

    public long toLong() {
        return Long.parseLong(value);
    }

    /** Two-digit Kemendagri province code, e.g. {@code 35}. */
    public String provinceCode() {
        return value.substring(0, 2);
    }

    /** Province name from the Kemendagri list, e.g. {@code Jawa Timur}. */
    public String provinceName() {
        return Provinces.nameOf(provinceCode());
    }

    /** Four-digit regency/city code (province + regency), e.g. {@code 3507}. */
    public String regencyCode() {
        return value.substring(0, 4);
    }

    /** Six-digit district code (province + regency + district), e.g. {@code 350701}. */
    public String districtCode() {
        return value.substring(0, 6);
    }

    public Sex sex() {
        return encodedDay(value) > WOMAN_DAY_OFFSET ? Sex.FEMALE : Sex.MALE;
    }

    /** The real birth day of month, 1..31 (40 already removed for women). */
    public int birthDay() {
        int day = encodedDay(value);
        return day > WOMAN_DAY_OFFSET ? day - WOMAN_DAY_OFFSET : day;
    }

    public int birthMonth() {
        return Integer.parseInt(value.substring(8, 10));
    }

    /** The two-digit birth year, 0..99. */
    public int birthYearOfCentury() {
        return Integer.parseInt(value.substring(10, 12));
    }

    public int serial() {
        return Integer.parseInt(value.substring(12, 16));
    }

    /** True when {@code date} has this NIK's day, month and two-digit year. */
    public boolean encodesBirthDate(LocalDate date) {
        return date.getDayOfMonth() == birthDay()
                && date.getMonthValue() == birthMonth()
                && date.getYear() % 100 == birthYearOfCentury();
    }

    @Override
    public int compareTo(Nik other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Null when valid, else the exact reason. */
    static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "missing";
        }
        if (value.length() != 16) {
            return "must have 16 digits, has " + value.length() + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return "must hold digits only: '" + c + "' at position " + (i + 1);
            }
        }
        String province = value.substring(0, 2);
        if (!Provinces.isKnown(province)) {
            return "province code " + province + " is not on the Kemendagri list";
        }
        if (value.startsWith("00", 2)) {
            return "regency/city code 00 does not exist (01-99)";
        }
        if (value.startsWith("00", 4)) {
            return "district code 00 does not exist (01-99)";
        }
        int encodedDay = encodedDay(value);
        boolean woman = encodedDay > WOMAN_DAY_OFFSET;
        int day = woman ? encodedDay - WOMAN_DAY_OFFSET : encodedDay;
        if (encodedDay == 0 || (encodedDay > 31 && encodedDay <= WOMAN_DAY_OFFSET) || encodedDay > 71) {
            return String.format(Locale.ROOT,
                    "birth day %02d is neither a man's day (01-31) nor a woman's (41-71, day + 40)", encodedDay);
        }
        int month = Integer.parseInt(value.substring(8, 10));
        if (month < 1 || month > 12) {
            return String.format(Locale.ROOT, "birth month %02d is not a month (01-12)", month);
        }
        int yy = Integer.parseInt(value.substring(10, 12));
        if (!existsInEitherCentury(day, month, yy)) {
            String monthName = Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            String detail = woman
                    ? String.format(Locale.ROOT, "%02d - 40 = %02d, and %s %02d has no day %d", encodedDay, day, monthName, yy, day)
                    : String.format(Locale.ROOT, "%s %02d has no day %d", monthName, yy, day);
            return String.format(Locale.ROOT, "day %02d is not a valid date for %s: %s", encodedDay,
                    woman ? Sex.FEMALE.word() : Sex.MALE.word(), detail);
        }
        if (value.endsWith("0000")) {
            return "serial 0000 does not exist (0001-9999)";
        }
        return null;
    }

    private static int encodedDay(String value) {
        return Integer.parseInt(value.substring(6, 8));
    }

    private static boolean existsInEitherCentury(int day, int month, int yy) {
        for (int year : new int[] {1900 + yy, 2000 + yy}) {
            try {
                LocalDate.of(year, month, day);
                return true;
            } catch (DateTimeException e) {
                // try the other century
            }
        }
        return false;
    }

}
