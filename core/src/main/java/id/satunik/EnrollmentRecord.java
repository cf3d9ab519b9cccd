package id.satunik;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One enrollment as recorded at a regional office: the NIK as typed, demographics, and the biometric samples by
 * position. The NIK is kept as submitted (a String) so that a malformed one can still be reported against its
 * record; {@link #validate()} checks it and its agreement with birth date and sex.
 *
 * <p>Immutable value type (the sample maps are unmodifiable copies); thread-safe.
 *
 * @param nik       the NIK as submitted
 * @param name      the resident's name, may be null
 * @param birthDate may be null; when present it must agree with the NIK
 * @param sex       may be null; when present it must agree with the NIK
 * @param region    recording office or region label, free text, may be null
 * @param dpi       resolution of the fingerprint images (dots per inch)
 * @param fingers   fingerprint images by position
 * @param irises    iris images by eye
 */
public record EnrollmentRecord(
        String nik,
        String name,
        LocalDate birthDate,
        Sex sex,
        String region,
        int dpi,
        Map<FingerPosition, ImageSource> fingers,
        Map<EyePosition, ImageSource> irises) {

    /** Fingerprint resolution assumed when a record does not say (the e-KTP scanners' and FVC's 500 dpi). */
    public static final int DEFAULT_DPI = 500;

    public EnrollmentRecord {
        fingers = fingers == null || fingers.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fingers));
        irises = irises == null || irises.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(irises));
    }

    public static Builder builder(String nik) {
        return new Builder(nik);
    }

    /**
     * Checks the NIK and its agreement with the record's birth date and sex (the operator input errors that
     * corrupt a population database), the text fields and birth date against {@link InputLimits}, and
     * {@link #validateSamples()}.
     *
     * @return the parsed NIK
     * @throws InvalidInputException naming this record and the exact problem
     */
    public Nik validate() {
        String subject = "record " + (nik == null ? "(no NIK)" : nik);
        Nik parsed;
        try {
            parsed = Nik.parse(nik);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(subject, "invalid NIK: " + e.reason());
        }
        InputLimits.checkText(subject, "name", name);
        InputLimits.checkText(subject, "region", region);
        InputLimits.checkBirthDate(subject, birthDate);
        if (sex != null && sex != parsed.sex()) {
            int encodedDay = Integer.parseInt(parsed.value().substring(6, 8));
            String why = sex == Sex.MALE
                    ? String.format(Locale.ROOT, "day %02d is not a valid date for a man: the NIK encodes a woman "
                            + "(day %02d + 40), but the record says sex M", encodedDay, parsed.birthDay())
                    : String.format(Locale.ROOT, "day %02d is not a valid date for a woman: a woman's NIK carries "
                            + "day + 40 (41-71), but the record says sex F", encodedDay);
            throw new InvalidInputException(subject, "NIK and sex disagree: " + why);
        }
        if (birthDate != null && !parsed.encodesBirthDate(birthDate)) {
            throw new InvalidInputException(subject, String.format(Locale.ROOT,
                    "NIK and birth date disagree: the NIK encodes %02d-%02d-%02d (DD-MM-YY) but the record says %s",
                    parsed.birthDay(), parsed.birthMonth(), parsed.birthYearOfCentury(),
                    birthDate.format(DateTimeFormatter.ISO_LOCAL_DATE)));
        }
        validateSamples();
        return parsed;
    }

    /**
     * Checks only what a search needs: a plausible dpi and at least one biometric sample. A search probe (an
     * unknown person, a latent print) may carry no NIK at all.
     *
     * @throws InvalidInputException naming this record and the problem
     */
    public void validateSamples() {
        String subject = "record " + (nik == null || nik.isBlank() ? "(no NIK)" : nik);
        InputLimits.checkDpi(subject, dpi);
        if (fingers.isEmpty() && irises.isEmpty()) {
            throw new InvalidInputException(subject, "carries no fingerprint and no iris image");
        }
    }

    /** Collects the fields of a record; not thread-safe (use one builder per thread). */
    public static final class Builder {
        private final String nik;
        private String name;
        private LocalDate birthDate;
        private Sex sex;
        private String region;
        private int dpi = DEFAULT_DPI;
        private final Map<FingerPosition, ImageSource> fingers = new EnumMap<>(FingerPosition.class);
        private final Map<EyePosition, ImageSource> irises = new EnumMap<>(EyePosition.class);

        private Builder(String nik) {
            this.nik = nik;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder birthDate(LocalDate value) {
            this.birthDate = value;
            return this;
        }

        public Builder sex(Sex value) {
            this.sex = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder dpi(int value) {
            this.dpi = value;
            return this;
        }

        public Builder finger(FingerPosition position, ImageSource image) {
            fingers.put(Objects.requireNonNull(position), Objects.requireNonNull(image));
            return this;
        }

        public Builder iris(EyePosition eye, ImageSource image) {
            irises.put(Objects.requireNonNull(eye), Objects.requireNonNull(image));
            return this;
        }

        public EnrollmentRecord build() {
            return new EnrollmentRecord(nik, name, birthDate, sex, region, dpi, fingers, irises);
        }
    }
}
