package id.satunik.cli;

import id.satunik.matcher.IrisCode;
import java.awt.image.BufferedImage;

/**
 * An iris code and its mask as pictures, in the layout of {@link IrisCode}: {@value IrisCode#ROWS} radial rows x
 * {@value IrisCode#COLUMNS} angular columns, the real plane above the imaginary plane. The code picture shows each
 * phase bit black (1) or white (0), and the coefficients the mask leaves out (eyelid, lashes, reflections) in red;
 * the mask picture shows usable coefficients white, excluded ones dark red. Stateless.
 */
final class IrisCodeImage {
    /** Pixels per bit: 128 columns become 512 px, wide enough to see the eyelid arcs. */
    static final int CELL = 4;
    private static final int ONE = 0x000000;
    private static final int ZERO = 0xFFFFFF;
    private static final int MASKED_ONE = 0x9E1B1B;
    private static final int MASKED_ZERO = 0xF2B8B8;
    private static final int EXCLUDED = 0x5A0A0A;

    private IrisCodeImage() {
    }

    static BufferedImage code(long[] code, long[] mask) {
        BufferedImage image = new BufferedImage(IrisCode.COLUMNS * CELL, 2 * IrisCode.ROWS * CELL,
                BufferedImage.TYPE_INT_RGB);
        for (int plane = 0; plane < 2; plane++) {
            for (int row = 0; row < IrisCode.ROWS; row++) {
                for (int column = 0; column < IrisCode.COLUMNS; column++) {
                    boolean one = bit(code, plane * IrisCode.PLANE_WORDS, row, column);
                    boolean usable = bit(mask, 0, row, column);
                    int rgb = usable ? (one ? ONE : ZERO) : (one ? MASKED_ONE : MASKED_ZERO);
                    fill(image, column, plane * IrisCode.ROWS + row, rgb);
                }
            }
        }
        return image;
    }

    static BufferedImage mask(long[] mask) {
        BufferedImage image = new BufferedImage(IrisCode.COLUMNS * CELL, IrisCode.ROWS * CELL,
                BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < IrisCode.ROWS; row++) {
            for (int column = 0; column < IrisCode.COLUMNS; column++) {
                fill(image, column, row, bit(mask, 0, row, column) ? ZERO : EXCLUDED);
            }
        }
        return image;
    }

    /** Column c of row r is bit c&amp;63 of word 2·r + c/64 of the plane starting at {@code base}. */
    private static boolean bit(long[] words, int base, int row, int column) {
        return (words[base + 2 * row + column / 64] >>> (column & 63) & 1L) != 0;
    }

    private static void fill(BufferedImage image, int column, int row, int rgb) {
        for (int y = 0; y < CELL; y++) {
            for (int x = 0; x < CELL; x++) {
                image.setRGB(column * CELL + x, row * CELL + y, rgb);
            }
        }
    }
}
