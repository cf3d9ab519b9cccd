package id.satunik;

import java.util.Locale;

/**
 * Finger positions with the codes of ISO/IEC 19794-2 and ANSI/NIST-ITL (1 = right thumb … 10 = left little).
 * The e-KTP records all ten. Immutable; thread-safe.
 */
public enum FingerPosition {
    RIGHT_THUMB(1), RIGHT_INDEX(2), RIGHT_MIDDLE(3), RIGHT_RING(4), RIGHT_LITTLE(5),
    LEFT_THUMB(6), LEFT_INDEX(7), LEFT_MIDDLE(8), LEFT_RING(9), LEFT_LITTLE(10);

    private static final FingerPosition[] BY_CODE = values();
    private final int code;

    FingerPosition(int code) {
        this.code = code;
    }

    /** The ISO/ANSI-NIST finger position code, 1..10. */
    public int code() {
        return code;
    }

    /** @throws InvalidInputException if {@code code} is not 1..10 */
    public static FingerPosition fromCode(int code) {
        if (code < 1 || code > 10) {
            throw new InvalidInputException("finger position", code + " is not an ISO/ANSI-NIST finger code (1-10)");
        }
        return BY_CODE[code - 1];
    }

    /**
     * Accepts the enum name ({@code RIGHT_THUMB}, any case, '-' or '_'), or the numeric code ({@code "1"}).
     *
     * @throws InvalidInputException for anything else
     */
    public static FingerPosition parse(String text) {
        String key = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (!key.isEmpty() && key.chars().allMatch(Character::isDigit) && key.length() <= 2) {
            return fromCode(Integer.parseInt(key));
        }
        for (FingerPosition position : BY_CODE) {
            if (position.name().equals(key)) {
                return position;
            }
        }
        throw new InvalidInputException("finger position", "'" + text + "' is not one of RIGHT_THUMB … LEFT_LITTLE or 1-10");
    }
}
