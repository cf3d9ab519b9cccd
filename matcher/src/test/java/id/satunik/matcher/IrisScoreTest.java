package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The distance-to-score calibration and its use in fusion. */
class IrisScoreTest {
    @Test
    void scoreFallsStrictlyWithDistanceOnTheFmrScale() {
        double previous = Double.POSITIVE_INFINITY;
        for (double d = 0.30; d <= 0.50; d += 0.002) {
            double score = IrisScore.of(d);
            assertTrue(score < previous || score == 0, d + " -> " + score);
            previous = score;
            if (score > 0 && score < IrisScore.MAX_SCORE) {
                assertEquals(-10 * Math.log10(IrisScore.falseMatchRate(d)), score, 1e-9);
            }
        }
        assertTrue(IrisScore.of(0.5) < 0.01, "chance level scores nothing");
        assertEquals(IrisScore.MAX_SCORE, IrisScore.of(0.0));
    }

    @Test
    void thresholdsSitWhereTheCalibrationWasMeasured() {
        // docs/iris.md: score 40 (FMR 1e-4 by the model) at HD 0.357; CASIA-Iris-Interval measured 5e-5 there
        assertEquals(0.3573, IrisScore.distanceAt(40), 5e-4);
        assertEquals(40, IrisScore.of(IrisScore.distanceAt(40)), 0.01);
        assertEquals(1e-4, IrisScore.falseMatchRate(IrisScore.distanceAt(40)), 1e-6);
    }

    @Test
    void twoEyesFuseLikeTwoFingers() {
        double eye = IrisScore.of(0.37);
        double fused = ScoreFusion.fuse(new double[] {eye, eye});
        assertTrue(eye < 40 && fused > 40, "two eyes at " + eye + " fuse to " + fused);
        // an eye and a finger at the same score fuse to the same as two fingers
        assertEquals(ScoreFusion.fuse(new double[] {35, 35}), ScoreFusion.fuse(new double[] {35, IrisScore.of(IrisScore.distanceAt(35))}), 0.05);
    }
}
