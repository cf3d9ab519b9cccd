package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModalityAgreementTest {
    private static final double NaN = Double.NaN;

    @Test
    void oneStrongEyeCannotCarryAPairWhoseOtherEyeDisagrees() {
        // issue 9: CASIA-Iris-Interval S1098 vs S1043, two different persons, called DUPLICATE at fused 44.1
        double[] eyes = {50.5, 5.0};
        assertEquals(44.1, ScoreFusion.fuse(eyes), 0.05);
        assertEquals(5.0, ModalityAgreement.fuse(eyes, 0), 1e-9);
        assertTrue(ModalityAgreement.fuse(eyes, 0) < 40);
    }

    @Test
    void agreeingOrSingleGroupsFuseAsBefore() {
        double[] agreeing = {50.5, 12.0};
        assertEquals(ScoreFusion.fuse(agreeing), ModalityAgreement.fuse(agreeing, 0), 1e-12);
        double[] oneEye = {NaN, 5.0};
        assertEquals(5.0, ModalityAgreement.fuse(oneEye, 0), 1e-12);
        // fingers alone are one group, however much they disagree among themselves (a poor capture is common)
        double[] fingers = {120, 2, NaN, NaN};
        assertEquals(ScoreFusion.fuse(fingers), ModalityAgreement.fuse(fingers, 4), 1e-12);
    }

    @Test
    void fingersAndTwoEyesStillMatchWhenOneCaptureFailed() {
        // fingers 80 fused, right eye 60, left eye 3 (a failed capture): the other two groups still agree
        double[] scores = {80, NaN, NaN, 60, 3};
        double score = ModalityAgreement.fuse(scores, 3);
        assertEquals(ScoreFusion.fuse(new double[] {60, 3}), score, 1e-12);
        assertTrue(score >= 40, "score " + score);
        // moderate fingers cannot carry a record whose only shared eye disagrees ...
        assertTrue(ModalityAgreement.fuse(new double[] {60, NaN, NaN, NaN, 3}, 3) < 40);
        // ... but conclusive ones can: the same ten fingers with someone else's eye are still a duplicate
        double[] evasion = {120, NaN, NaN, NaN, 3};
        assertEquals(ScoreFusion.fuse(evasion), ModalityAgreement.fuse(evasion, 3), 1e-12);
    }
}
