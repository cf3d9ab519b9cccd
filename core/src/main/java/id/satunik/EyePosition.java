package id.satunik;

import java.util.Locale;

/** Eye positions with the ANSI/NIST-ITL Type-17 eye labels (1 = right, 2 = left). Immutable; thread-safe. */
public enum EyePosition {
    RIGHT(1), LEFT(2);

    private final int code;

    EyePosition(int code) {
        this.code = code;
    }

    /** The ANSI/NIST-ITL Type-17 feature identifier (1 right, 2 left). */
    public int code() {
        return code;
    }

    /** @throws InvalidInputException for anything but RIGHT/LEFT/R/L/1/2 */
    public static EyePosition parse(String text) {
        String key = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return switch (key) {
            case "RIGHT", "R", "1" -> RIGHT;
            case "LEFT", "L", "2" -> LEFT;
            default -> throw new InvalidInputException("eye position", "'" + text + "' is not one of RIGHT, LEFT");
        };
    }
}
