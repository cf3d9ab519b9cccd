package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatchRuleTest {
    private static final double NA = Double.NaN;

    @Test
    void fingersAndEyesFuseOnOneScaleWhateverTheModality() {
        // Two positions at 40 fuse to 67.1 whether they are two fingers, two eyes or one of each.
        double twoFingers = MatchRule.person(new double[] {40, NA, 40}, new double[] {NA, NA});
        double twoEyes = MatchRule.person(new double[] {NA, NA, NA}, new double[] {40, 40});
        double oneOfEach = MatchRule.person(new double[] {NA, 40, NA}, new double[] {NA, 40});
        assertEquals(67.12, twoFingers, 0.01);
        assertEquals(twoFingers, twoEyes, 1e-12);
        assertEquals(twoFingers, oneOfEach, 1e-12);
        assertEquals(MatchRule.fuse(new double[] {40, 40}), oneOfEach, 1e-12);
        assertEquals(25.0, MatchRule.person(new double[0], new double[] {25, NA}), 1e-9, "one eye is its own score");
        assertEquals(0, MatchRule.person(new double[] {NA}, new double[] {NA}), 0, "nothing shared");
    }

    @Test
    void eyesBackAWeakFingerOverTheDefaultThreshold() {
        assertTrue(30 < MatchRule.DEFAULT_THRESHOLD);
        assertTrue(MatchRule.person(new double[] {30}, new double[] {30, 30}) >= MatchRule.DEFAULT_THRESHOLD);
        assertEquals(40.0, MatchRule.DEFAULT_THRESHOLD, 0, "the threshold the README and EngineOptions state");
    }
}
