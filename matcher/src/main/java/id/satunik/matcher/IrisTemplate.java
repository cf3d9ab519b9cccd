package id.satunik.matcher;

import id.satunik.EyePosition;
import java.util.Objects;

/**
 * One eye's iris code and mask (format in {@link IrisCode}), as the gallery stores it.
 *
 * <p>Immutable (arrays are copied in and out); thread-safe.
 *
 * @param position which eye
 * @param code     {@value IrisCode#CODE_WORDS} longs of phase bits
 * @param mask     {@value IrisCode#MASK_WORDS} longs, a set bit for every usable coefficient
 * @param quality  the image's quality measures ({@link IrisQuality#UNKNOWN} for a code read back from a store:
 *                 the store keeps the code, not the image)
 */
public record IrisTemplate(EyePosition position, long[] code, long[] mask, IrisQuality quality) {
    /** A code without image measures (read back from a store, or built in a test). */
    public IrisTemplate(EyePosition position, long[] code, long[] mask) {
        this(position, code, mask, IrisQuality.UNKNOWN);
    }

    public IrisTemplate {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(quality, "quality");
        if (code.length != IrisCode.CODE_WORDS || mask.length != IrisCode.MASK_WORDS) {
            throw new IllegalArgumentException("iris code needs " + IrisCode.CODE_WORDS + "+" + IrisCode.MASK_WORDS
                    + " words, got " + code.length + "+" + mask.length);
        }
        code = code.clone();
        mask = mask.clone();
    }

    @Override
    public long[] code() {
        return code.clone();
    }

    @Override
    public long[] mask() {
        return mask.clone();
    }

    /** Usable coefficients (each gives two bits). */
    public int usableCoefficients() {
        int n = 0;
        for (long m : mask) {
            n += Long.bitCount(m);
        }
        return n;
    }

    /** Fraction of the code grid that holds iris texture (not eyelid, lash, reflection). */
    public double usableFraction() {
        return usableCoefficients() / (double) (IrisCode.ROWS * IrisCode.COLUMNS);
    }

    long[] codeUnsafe() {
        return code;
    }

    long[] maskUnsafe() {
        return mask;
    }
}
