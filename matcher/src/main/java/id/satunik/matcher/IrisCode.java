package id.satunik.matcher;

/**
 * The iris code format and the distance every SatuNIK component computes on it, in one place so that the 1:1
 * matcher, the plain 1:N loop and the vectorised 1:N scan agree to the last bit.
 *
 * <p>Format: {@value #ROWS} radial rows x {@value #COLUMNS} angular columns of complex Gabor coefficients, two
 * phase bits each = {@value #CODE_BITS} bits in {@value #CODE_WORDS} longs (real plane, then imaginary plane;
 * row-major; a row is two longs, column c at bit c&amp;63 of word 2·row + c/64). The mask has one bit per
 * coefficient ({@value #MASK_WORDS} longs, the layout of one plane): both phase bits of a coefficient are usable
 * or not together, so one mask serves both planes and a stored eye needs 384 bytes, not 512.
 *
 * <p>Distance: the fraction of differing bits among those both masks keep, over circular shifts of
 * -{@value #MAX_SHIFT}..+{@value #MAX_SHIFT} columns (±{@value #MAX_SHIFT}·360/{@value #COLUMNS} degrees of head
 * tilt), each normalised for the number of bits compared (Daugman's HD<sub>norm</sub> = 0.5 − (0.5 − HD)·√(n /
 * {@value #REFERENCE_BITS})), the smallest kept.
 *
 * <p>Thread-safe: stateless.
 */
public final class IrisCode {
    public static final int ROWS = 8;
    public static final int COLUMNS = 128;
    public static final int CODE_BITS = 2 * ROWS * COLUMNS;
    /** Longs in one bit plane (and in the mask). */
    public static final int PLANE_WORDS = ROWS * COLUMNS / 64;
    public static final int CODE_WORDS = 2 * PLANE_WORDS;
    public static final int MASK_WORDS = PLANE_WORDS;
    /** Largest circular shift tried, in columns, each way. */
    public static final int MAX_SHIFT = 3;
    public static final int ROTATIONS = 2 * MAX_SHIFT + 1;
    /**
     * The number of compared bits at which a raw distance needs no correction (Daugman used 911 for his
     * codes; ours is the median number of bits two CASIA-Iris-Interval codes have in common, see docs/iris.md).
     */
    public static final int REFERENCE_BITS = 1800;

    private static final int WORDS_PER_ROW = COLUMNS / 64;

    private IrisCode() {
    }

    /**
     * The code (or mask) as seen after turning the eye by {@code shift} columns: column c of the result is
     * column c + shift of the input, modulo {@value #COLUMNS}. Works on any number of planes.
     */
    public static long[] rotate(long[] words, int shift) {
        long[] out = new long[words.length];
        int s = Math.floorMod(shift, COLUMNS);
        for (int row = 0; row < words.length / WORDS_PER_ROW; row++) {
            int base = row * WORDS_PER_ROW;
            long lo = words[base];
            long hi = words[base + 1];
            // 128-bit rotate right by s: first swap halves for s >= 64, then shift by the rest.
            if (s >= 64) {
                long t = lo;
                lo = hi;
                hi = t;
            }
            int r = s & 63;
            if (r != 0) {
                long newLo = (lo >>> r) | (hi << (64 - r));
                long newHi = (hi >>> r) | (lo << (64 - r));
                lo = newLo;
                hi = newHi;
            }
            out[base] = lo;
            out[base + 1] = hi;
        }
        return out;
    }

    /**
     * Daugman's normalised Hamming distance: a raw distance over few bits is pulled towards 0.5 (chance), so
     * that two codes that share only a sliver of usable iris cannot match by luck.
     *
     * @param differing bits that differ among those compared
     * @param compared  bits both masks keep (two per common coefficient)
     * @return 0.5 when nothing is compared
     */
    public static double normalizedDistance(int differing, int compared) {
        if (compared == 0) {
            return 0.5;
        }
        double raw = differing / (double) compared;
        return 0.5 - (0.5 - raw) * Math.sqrt(compared / (double) REFERENCE_BITS);
    }
}
