package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.EyePosition;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The code format's rotation and distance, and the 1:1 matcher built on them. */
class IrisCodeTest {
    private static long[] random(SplittableRandom r, int words) {
        long[] out = new long[words];
        for (int i = 0; i < words; i++) {
            out[i] = r.nextLong();
        }
        return out;
    }

    private static boolean bit(long[] words, int plane, int row, int column) {
        int index = row * IrisCode.COLUMNS + column;
        return (words[plane * IrisCode.PLANE_WORDS + (index >>> 6)] >>> (index & 63) & 1) != 0;
    }

    @Test
    void rotationMovesEveryColumnCircularlyWithinItsRow() {
        long[] code = random(new SplittableRandom(1), IrisCode.CODE_WORDS);
        for (int shift : new int[] {-70, -3, -1, 1, 3, 64, 65, 127}) {
            long[] turned = IrisCode.rotate(code, shift);
            for (int plane = 0; plane < 2; plane++) {
                for (int row = 0; row < IrisCode.ROWS; row++) {
                    for (int c = 0; c < IrisCode.COLUMNS; c++) {
                        assertEquals(bit(code, plane, row, Math.floorMod(c + shift, IrisCode.COLUMNS)),
                                bit(turned, plane, row, c), "shift " + shift + " row " + row + " column " + c);
                    }
                }
            }
            assertArrayEquals(code, IrisCode.rotate(turned, -shift));
        }
        assertArrayEquals(code, IrisCode.rotate(code, IrisCode.COLUMNS));
    }

    @Test
    void normalisationPullsFewBitsTowardsChance() {
        assertEquals(0.5, IrisCode.normalizedDistance(0, 0));
        // at the reference number of bits the raw distance stands
        assertEquals(0.2, IrisCode.normalizedDistance(360, IrisCode.REFERENCE_BITS), 1e-12);
        // the same raw 0.2 over a quarter of the bits is only half as far from chance
        assertEquals(0.35, IrisCode.normalizedDistance(90, IrisCode.REFERENCE_BITS / 4), 1e-12);
        // and over more bits further from it
        assertTrue(IrisCode.normalizedDistance(720, 2 * IrisCode.REFERENCE_BITS) < 0.2);
    }

    @Test
    void matcherFindsTheTurnAndIgnoresMaskedBits() {
        SplittableRandom r = new SplittableRandom(2);
        long[] code = random(r, IrisCode.CODE_WORDS);
        long[] mask = new long[IrisCode.MASK_WORDS];
        java.util.Arrays.fill(mask, -1L);
        IrisTemplate eye = new IrisTemplate(EyePosition.LEFT, code, mask);
        IrisTemplate turned = new IrisTemplate(EyePosition.LEFT, IrisCode.rotate(code, 2), IrisCode.rotate(mask, 2));
        IrisMatcher.Comparison c = IrisMatcher.compare(turned, eye);
        assertEquals(0, c.differing());
        assertEquals(-2, c.shift(), "the probe turned back by two columns meets the original");
        assertEquals(IrisCode.CODE_BITS, c.compared());
        assertTrue(c.score() >= IrisScore.MAX_SCORE - 1e-9);

        // garbage under a cleared mask does not count
        long[] noisy = code.clone();
        long[] halfMask = mask.clone();
        for (int w = 0; w < IrisCode.MASK_WORDS / 2; w++) {
            noisy[w] = ~noisy[w];
            noisy[w + IrisCode.PLANE_WORDS] = r.nextLong();
            halfMask[w] = 0;
        }
        IrisMatcher.Comparison masked = IrisMatcher.compare(new IrisTemplate(EyePosition.LEFT, noisy, halfMask), eye);
        assertEquals(0, masked.differing());
        assertEquals(0, masked.shift());
        assertEquals(IrisCode.CODE_BITS / 2, masked.compared());

        IrisTemplate stranger = new IrisTemplate(EyePosition.LEFT, random(r, IrisCode.CODE_WORDS), mask);
        IrisMatcher.Comparison impostor = IrisMatcher.compare(stranger, eye);
        assertTrue(impostor.distance() > 0.4 && impostor.score() < 20, impostor.toString());
    }

    @Test
    void templateRefusesCodesOfTheWrongSizeAndCopiesItsArrays() {
        assertThrows(IllegalArgumentException.class,
                () -> new IrisTemplate(EyePosition.RIGHT, new long[3], new long[IrisCode.MASK_WORDS]));
        long[] code = new long[IrisCode.CODE_WORDS];
        IrisTemplate t = new IrisTemplate(EyePosition.RIGHT, code, new long[IrisCode.MASK_WORDS]);
        code[0] = 1;
        t.code()[1] = 1;
        assertEquals(0, t.code()[0] | t.code()[1]);
        assertEquals(0.0, t.usableFraction());
    }
}
