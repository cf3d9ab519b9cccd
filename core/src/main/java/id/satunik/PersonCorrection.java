package id.satunik;

import java.time.LocalDate;

/**
 * A correction of an enrolled person's NIK or demographics ({@link DedupEngine#update}); the biometrics stay.
 * A null field keeps the enrolled value. The corrected NIK must still agree with the (corrected) sex and birth date.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param nik       the corrected NIK, or null to keep the NIK
 * @param name      the corrected name, or null
 * @param birthDate the corrected birth date, or null
 * @param sex       the corrected sex, or null
 * @param region    the corrected region, or null
 */
public record PersonCorrection(String nik, String name, LocalDate birthDate, Sex sex, String region) {

    /** Only the NIK corrected. */
    public static PersonCorrection nik(String value) {
        return new PersonCorrection(value, null, null, null, null);
    }
}
