package id.satunik.interchange;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a transaction's Type-2 record (user-defined descriptive text) keeps the person's data. Type-2 fields are
 * defined by each domain, not by ANSI/NIST-ITL itself; the defaults follow the FBI's EBTS, the domain most AFIS
 * exchanges copy: name 2.018 (NAM, {@code LAST,FIRST}), place of birth 2.020 (POB, taken as the region), date of
 * birth 2.022 (DOB, {@code CCYYMMDD}), sex 2.024 (SEX, {@code M}/{@code F}); the NIK in 2.016, where EBTS keeps the
 * national identifier (SOC). A domain with other numbers passes its own.
 *
 * <p>Thread-safe: immutable. A field number of 0 means "not carried".
 *
 * @param nik       field of the 16-digit NIK
 * @param name      field of the name
 * @param birthDate field of the birth date, CCYYMMDD
 * @param sex       field of the sex (M/F, also L/P)
 * @param region    field of the region
 */
public record Type2Fields(int nik, int name, int birthDate, int sex, int region) {
    /** The EBTS-style defaults described above. */
    public static final Type2Fields DEFAULT = new Type2Fields(16, 18, 22, 24, 20);

    public Type2Fields {
        for (int f : new int[] {nik, name, birthDate, sex, region}) {
            if (f < 0 || f > 999) {
                throw new IllegalArgumentException("a Type-2 field number is 1..999 (0: not carried), was " + f);
            }
        }
    }

    /**
     * This mapping with one field changed: {@code with("nik", "2.031")}.
     *
     * @param key   nik, name, birthDate, sex or region
     * @param field {@code 2.NNN} or {@code NNN}
     */
    public Type2Fields with(String key, String field) {
        Objects.requireNonNull(key, "key");
        String digits = field.strip().startsWith("2.") ? field.strip().substring(2) : field.strip();
        int number;
        try {
            number = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Type-2 field \"" + field + "\" is not 2.NNN");
        }
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "nik" -> new Type2Fields(number, name, birthDate, sex, region);
            case "name" -> new Type2Fields(nik, number, birthDate, sex, region);
            case "birthdate" -> new Type2Fields(nik, name, number, sex, region);
            case "sex" -> new Type2Fields(nik, name, birthDate, number, region);
            case "region" -> new Type2Fields(nik, name, birthDate, sex, number);
            default -> throw new IllegalArgumentException("unknown Type-2 key \"" + key
                    + "\" (keys: nik, name, birthDate, sex, region)");
        };
    }
}
