package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.matcher.IrisCode;
import id.satunik.matcher.IrisTemplate;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Synthetic iris codes for benchmarks and scan tests at national scale, where no image set is large enough.
 *
 * <p>Codes: the phase bits of a complex Gaussian field smoothed along the angle (5 taps) and a little along the
 * radius, so that neighbouring bits are correlated as in real Gabor codes and impostor distances spread like real
 * ones (fewer independent degrees of freedom than bits). Masks: an upper eyelid over the outer rows around the
 * top of the ring in most eyes, a lower eyelid in some, lash specks under the upper lid and a few reflection
 * blobs, about 85% of the grid usable as in CASIA-Iris-Interval. Genuine re-captures: the code turned by a few
 * columns, bits flipped at a given rate, a fresh mask.
 *
 * <p>Person {@code i}'s eyes depend only on the seed and {@code i}, so galleries are reproducible whatever the
 * thread count used to build them. Thread-safe: immutable.
 */
final class SyntheticIrisGallery {
    private static final int ROWS = IrisCode.ROWS;
    private static final int COLUMNS = IrisCode.COLUMNS;
    private static final double[] TAPS = {0.4, 0.8, 1.0, 0.8, 0.4};

    private final long seed;

    SyntheticIrisGallery(long seed) {
        this.seed = seed;
    }

    /** Synthetic NIK of person {@code i}. */
    static long nikOf(int person) {
        return 3_171_010_101_000_000L + person;
    }

    /** The {@code position} eye of person {@code i} of this gallery. */
    IrisTemplate eye(int person, EyePosition position) {
        SplittableRandom random = new SplittableRandom((seed * 0x9E3779B97F4A7C15L + person) * 3 + position.code());
        return new IrisTemplate(position, code(random), mask(random));
    }

    /**
     * A genuine re-capture of {@code original}: turned by {@code shift} columns, each bit flipped with probability
     * {@code flipRate}, with a mask of its own (another blink, other reflections).
     */
    static IrisTemplate recapture(IrisTemplate original, int shift, double flipRate, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] code = IrisCode.rotate(original.code(), shift);
        for (int w = 0; w < code.length; w++) {
            long flips = 0;
            for (int b = 0; b < 64; b++) {
                if (random.nextDouble() < flipRate) {
                    flips |= 1L << b;
                }
            }
            code[w] ^= flips;
        }
        return new IrisTemplate(original.position(), code, mask(random));
    }

    /** Appends the {@code file.position()} eye of persons [0, count) to {@code file}, generated on all cores. */
    void fill(IrisCodeFile file, int count) {
        int batch = 65536;
        for (int start = 0; start < count; start += batch) {
            int from = start;
            IrisTemplate[] eyes = IntStream.range(from, Math.min(count, from + batch)).parallel()
                    .mapToObj(i -> eye(i, file.position())).toArray(IrisTemplate[]::new);
            for (int k = 0; k < eyes.length; k++) {
                file.append(nikOf(from + k), eyes[k]);
            }
        }
    }

    private static long[] code(SplittableRandom random) {
        double[] re = new double[ROWS * COLUMNS];
        double[] im = new double[ROWS * COLUMNS];
        for (int i = 0; i < re.length; i++) {
            re[i] = random.nextDouble() - 0.5;
            im[i] = random.nextDouble() - 0.5;
        }
        long[] code = new long[IrisCode.CODE_WORDS];
        for (int row = 0; row < ROWS; row++) {
            int below = Math.max(0, row - 1);
            for (int c = 0; c < COLUMNS; c++) {
                double sr = 0;
                double si = 0;
                for (int t = 0; t < TAPS.length; t++) {
                    int col = Math.floorMod(c + t - 2, COLUMNS);
                    sr += TAPS[t] * (re[row * COLUMNS + col] + 0.5 * re[below * COLUMNS + col]);
                    si += TAPS[t] * (im[row * COLUMNS + col] + 0.5 * im[below * COLUMNS + col]);
                }
                int bit = row * COLUMNS + c;
                if (sr > 0) {
                    code[bit >>> 6] |= 1L << (bit & 63);
                }
                if (si > 0) {
                    code[IrisCode.PLANE_WORDS + (bit >>> 6)] |= 1L << (bit & 63);
                }
            }
        }
        return code;
    }

    private static long[] mask(SplittableRandom random) {
        boolean[] noise = new boolean[ROWS * COLUMNS];
        // upper eyelid: top of the ring is column 3/4 of the way round (columns run clockwise from the right)
        if (random.nextDouble() < 0.75) {
            eyelid(noise, 3 * COLUMNS / 4, 1 + random.nextInt(6), 16 + random.nextInt(28), random);
            for (int k = random.nextInt(25); k > 0; k--) { // lashes under the upper lid
                int c = Math.floorMod(3 * COLUMNS / 4 + (int) ((random.nextDouble() - 0.5) * 60), COLUMNS);
                noise[random.nextInt(ROWS) * COLUMNS + c] = true;
            }
        }
        if (random.nextDouble() < 0.35) {
            eyelid(noise, COLUMNS / 4, 1 + random.nextInt(3), 12 + random.nextInt(20), random);
        }
        for (int k = random.nextInt(4); k > 0; k--) { // reflections
            int row = random.nextInt(ROWS - 1);
            int c = random.nextInt(COLUMNS);
            for (int dr = 0; dr < 2; dr++) {
                for (int dc = 0; dc < 3; dc++) {
                    noise[(row + dr) * COLUMNS + (c + dc) % COLUMNS] = true;
                }
            }
        }
        long[] mask = new long[IrisCode.MASK_WORDS];
        for (int bit = 0; bit < noise.length; bit++) {
            if (!noise[bit]) {
                mask[bit >>> 6] |= 1L << (bit & 63);
            }
        }
        return mask;
    }

    /** Occludes the outer rows around {@code centre}, deepest there, tapering over {@code halfWidth} columns. */
    private static void eyelid(boolean[] noise, int centre, int depth, int halfWidth, SplittableRandom random) {
        int jitter = random.nextInt(11) - 5;
        for (int dc = -halfWidth; dc <= halfWidth; dc++) {
            double f = 1 - (dc / (double) halfWidth) * (dc / (double) halfWidth);
            int rows = (int) Math.round(depth * f);
            int c = Math.floorMod(centre + jitter + dc, COLUMNS);
            for (int r = ROWS - rows; r < ROWS; r++) {
                noise[r * COLUMNS + c] = true;
            }
        }
    }
}
