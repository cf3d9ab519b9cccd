package id.satunik;

import java.util.Locale;

/** Sex as recorded on the e-KTP; the NIK encodes it by adding 40 to a woman's birth day. Immutable; thread-safe. */
public enum Sex {
    MALE, FEMALE;

    /**
     * Accepts {@code M}/{@code F}, {@code MALE}/{@code FEMALE} and the Indonesian {@code L} (laki-laki) /
     * {@code P} (perempuan), in any case.
     *
     * @throws InvalidInputException for anything else
     */
    public static Sex parse(String text) {
        if (text == null) {
            throw new InvalidInputException("sex", "missing");
        }
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "M", "MALE", "L", "LAKI-LAKI" -> MALE;
            case "F", "FEMALE", "P", "PEREMPUAN" -> FEMALE;
            default -> throw new InvalidInputException("sex", "'" + text + "' is not one of M, F (or L, P)");
        };
    }

    /** One-letter code used in manifests and reports. */
    public String code() {
        return this == MALE ? "M" : "F";
    }

    String word() {
        return this == MALE ? "a man" : "a woman";
    }
}
