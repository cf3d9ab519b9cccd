package id.satunik;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The bounds every input is held to before it costs memory or time: text field lengths, image file size and
 * pixel count, resolution, birth-date plausibility, manifest line length. One place, so that the library, the
 * CLI and the tests agree on them, and a hostile or broken input is refused with a reason instead of exhausting
 * the heap of a batch run.
 *
 * <p>Stateless; thread-safe.
 */
public final class InputLimits {
    /**
     * Longest name or region label, in characters. The e-KTP name field holds far fewer; the bound is generous
     * for transliterations and keeps a record far below the person codec's 64 KiB string limit.
     */
    public static final int MAX_TEXT_CHARS = 200;
    /** Largest image file read: a 2000 dpi uncompressed 10-print slap is about 20 MB. */
    public static final long MAX_IMAGE_BYTES = 32L << 20;
    /** Largest decoded image, checked from the header before decoding (8000 x 5000). */
    public static final long MAX_PIXELS = 40_000_000L;
    /** Resolutions a fingerprint image may claim. */
    public static final int MIN_DPI = 250;
    public static final int MAX_DPI = 2000;
    /** How long reading one image file may take (a stalled network mount must not hang a batch). */
    public static final long READ_TIMEOUT_SECONDS = 30;
    /** Longest manifest line, in characters: a record with twelve image paths is a few KB. */
    public static final int MAX_MANIFEST_LINE_CHARS = 1 << 20;
    /** Earliest plausible birth date: no living resident was born before it. */
    public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    /**
     * Birth dates are judged "not in the future" in Indonesia's easternmost time zone (WIT, UTC+9), where the
     * calendar day starts first: a baby registered just after midnight in Papua is not in the future.
     */
    static final ZoneId LATEST_ZONE = ZoneId.of("Asia/Jayapura");

    private InputLimits() {
    }

    /** @throws InvalidInputException when {@code dpi} is outside {@value #MIN_DPI}-{@value #MAX_DPI} */
    public static void checkDpi(String subject, int dpi) {
        if (dpi < MIN_DPI || dpi > MAX_DPI) {
            throw new InvalidInputException(subject, "dpi " + dpi + " is outside " + MIN_DPI + "-" + MAX_DPI);
        }
    }

    /**
     * A free-text field (name, region): at most {@value #MAX_TEXT_CHARS} characters, valid Unicode (no unpaired
     * UTF-16 surrogate, which no UTF-8 report or store can hold), no control characters.
     *
     * @throws InvalidInputException naming the field and the problem
     */
    public static void checkText(String subject, String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_TEXT_CHARS) {
            throw new InvalidInputException(subject, field + " is " + value.length() + " characters long, more than "
                    + MAX_TEXT_CHARS);
        }
        String problem = textProblem(value);
        if (problem != null) {
            throw new InvalidInputException(subject, field + " " + problem);
        }
    }

    /** Why {@code value} is not clean text, or null: an unpaired surrogate or a control character. */
    public static String textProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(Locale.ROOT, "holds an unpaired UTF-16 surrogate \\u%04X at character %d "
                        + "(not valid Unicode)", (int) c, i + 1);
            } else if (Character.isISOControl(c)) {
                return String.format(Locale.ROOT, "holds control character \\u%04X at character %d", (int) c, i + 1);
            }
        }
        return null;
    }

    /** {@code value} with every unpaired surrogate replaced by U+FFFD, so that it encodes to UTF-8. */
    public static String withoutLoneSurrogates(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c) && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * A birth date a living resident can have: not before {@link #EARLIEST_BIRTH_DATE}, not after today.
     *
     * @throws InvalidInputException naming the date and the bound it breaks
     */
    public static void checkBirthDate(String subject, LocalDate birthDate) {
        if (birthDate == null) {
            return;
        }
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE)) {
            throw new InvalidInputException(subject, "birth date " + birthDate + " is before " + EARLIEST_BIRTH_DATE
                    + ": not a living resident's");
        }
        LocalDate today = LocalDate.now(LATEST_ZONE);
        if (birthDate.isAfter(today)) {
            throw new InvalidInputException(subject, "birth date " + birthDate + " is in the future (today is "
                    + today + ")");
        }
    }
}
