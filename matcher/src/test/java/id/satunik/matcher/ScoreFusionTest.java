package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoreFusionTest {
    private static final double NA = Double.NaN;

    @Test
    void oneFingerIsItsOwnScoreAndNothingComparedIsZero() {
        assertEquals(57.3, ScoreFusion.fuse(new double[] {NA, 57.3, NA}), 1e-9);
        assertEquals(0, ScoreFusion.fuse(new double[] {NA, NA}), 0);
        assertEquals(0, ScoreFusion.fuse(new double[] {0, 0, 0}), 1e-9);
    }

    @Test
    void fisherCombinationMatchesTheClosedForm() {
        // Two fingers at 40 (p = 1e-4 each): combined p = p1p2(1 - ln(p1p2)) → score 67.12.
        double p = 1e-8 * (1 - Math.log(1e-8));
        assertEquals(-10 * Math.log10(p), ScoreFusion.fuse(new double[] {40, 40}), 1e-6);
        assertEquals(67.12, ScoreFusion.fuse(new double[] {40, 40}), 0.01);
    }

    @Test
    void tenWeakImpostorFingersDoNotAddUpToAMatch() {
        double[] tenAtTen = new double[10];
        java.util.Arrays.fill(tenAtTen, 10);
        double fused = ScoreFusion.fuse(tenAtTen);
        assertTrue(fused < 40, "a plain sum would give 100; Fisher gives " + fused);
        assertTrue(fused > 10, "but ten 10% coincidences together are rarer than one: " + fused);
    }

    @Test
    void moreAgreeingFingersNeverLowerTheScoreAndHugeScoresStayFinite() {
        assertTrue(ScoreFusion.fuse(new double[] {40, 40, 40}) > ScoreFusion.fuse(new double[] {40, 40}));
        double big = ScoreFusion.fuse(new double[] {900, 800, 700, 600, 500, 400, 300, 200, 100, 50});
        assertTrue(Double.isFinite(big) && big > 900, "finite: " + big);
    }
}
