package id.satunik.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorCurveTest {

    @Test
    void ratesCountScoresAtTheThresholdAsMatches() {
        ErrorCurve curve = ErrorCurve.of(new double[] {30, 50, 60, 70}, new double[] {10, 20, 40});
        assertEquals(1.0 / 3, curve.falseMatchRate(40), 1e-12, "an impostor scoring exactly 40 matches at 40");
        assertEquals(0, curve.falseMatchRate(40.0001), 1e-12);
        assertEquals(0.25, curve.falseNonMatchRate(50), 1e-12, "only 30 is below 50");
        assertEquals(0, curve.falseNonMatchRate(30), 1e-12);
        assertEquals(1, curve.falseMatchRate(Double.NEGATIVE_INFINITY), 1e-12);
        assertEquals(1, curve.falseNonMatchRate(Double.POSITIVE_INFINITY), 1e-12);
    }

    @Test
    void equalErrorRateIsTheMiddleOfTheFvcInterval() {
        // FNMR - FMR crosses 0 between 40 (FMR 1/3, FNMR 1/4) and 50 (FMR 0, FNMR 1/4); 50 has the smaller sum.
        ErrorCurve.Eer eer = ErrorCurve.of(new double[] {30, 50, 60, 70}, new double[] {10, 20, 40}).equalErrorRate();
        assertEquals(0, eer.low(), 1e-12);
        assertEquals(0.25, eer.high(), 1e-12);
        assertEquals(0.125, eer.value(), 1e-12);
        assertEquals(50, eer.threshold(), 1e-12);
    }

    @Test
    void equalErrorRateOfExactCrossingAndOfPerfectSeparation() {
        // At 40: FMR 2/4 (40, 60) and FNMR 2/4 (10, 30): the curves meet.
        ErrorCurve.Eer crossing = ErrorCurve.of(new double[] {10, 30, 50, 70}, new double[] {0, 20, 40, 60}).equalErrorRate();
        assertEquals(0.5, crossing.value(), 1e-12);
        assertEquals(40, crossing.threshold(), 1e-12);
        ErrorCurve.Eer separated = ErrorCurve.of(new double[] {50, 60, 70}, new double[] {10, 20, 30, 40}).equalErrorRate();
        assertEquals(0, separated.value(), 1e-12);
        assertEquals(50, separated.threshold(), 1e-12);
    }

    @Test
    void noEqualErrorRateWithoutBothKindsOfScores() {
        assertNull(ErrorCurve.of(new double[] {}, new double[] {1, 2}).equalErrorRate());
        assertNull(ErrorCurve.of(new double[] {1, 2}, new double[] {}).equalErrorRate());
    }

    @Test
    void fnmrAtFmrTakesTheLowestThresholdMeetingTheTarget() {
        double[] impostors = IntStream.range(0, 1000).asDoubleStream().toArray();   // 0..999
        double[] genuine = {985, 992, 995, 998, 1001};
        ErrorCurve curve = ErrorCurve.of(genuine, impostors);

        ErrorCurve.OperatingPoint onePercent = curve.atFalseMatchRate(0.01);
        assertTrue(onePercent.resolvable());
        assertEquals(990, onePercent.threshold(), 1e-12, "990..999 are the top 1% of impostors");
        assertEquals(0.01, onePercent.falseMatchRate(), 1e-12);
        assertEquals(0.2, onePercent.falseNonMatchRate(), 1e-12, "985 is below 990");

        ErrorCurve.OperatingPoint perMille = curve.atFalseMatchRate(0.001);
        assertTrue(perMille.resolvable(), "1000 impostors resolve 0.1%: one false match");
        assertEquals(999, perMille.threshold(), 1e-12);
        assertEquals(0.8, perMille.falseNonMatchRate(), 1e-12);
    }

    @Test
    void aTargetBelowOneFalseMatchInAllImpostorsIsNotResolvable() {
        ErrorCurve curve = ErrorCurve.of(new double[] {60, 70}, IntStream.range(0, 999).asDoubleStream().toArray());
        ErrorCurve.OperatingPoint point = curve.atFalseMatchRate(0.001);
        assertFalse(point.resolvable());
        assertTrue(Double.isNaN(point.falseNonMatchRate()), "no fake number");
        assertEquals("needs at least 1,000 non-mated scores to resolve, has 999", point.note());
        assertEquals(10_000, ErrorCurve.minimumNonMated(0.0001));
        assertEquals(100, ErrorCurve.minimumNonMated(0.01));
    }

    @Test
    void fnirCountsOutRankedMatesAtEveryThreshold() {
        // Open-set: a mate beaten by a non-mate comes as -inf and is a miss even at threshold 0.
        ErrorCurve curve = ErrorCurve.of(new double[] {Double.NEGATIVE_INFINITY, 45, 80, 90},
                IntStream.range(0, 100).mapToDouble(i -> i * 0.3).toArray());
        assertEquals(0.25, curve.falseNonMatchRate(0), 1e-12);
        assertEquals(0.25, curve.falseNonMatchRate(45), 1e-12);
        assertEquals(0.5, curve.falseNonMatchRate(50), 1e-12);
        assertEquals(1, curve.matedNeverMatched());
        ErrorCurve.OperatingPoint fpir = curve.atFalseMatchRate(0.01);
        assertEquals(29.7, fpir.threshold(), 1e-9, "the single best non-mated search, 29.7, is 1%");
        assertEquals(0.25, fpir.falseNonMatchRate(), 1e-12);
        assertEquals(215.0 / 3, curve.matedMean(), 1e-9, "means ignore -inf");
    }

    @Test
    void refusesNaN() {
        assertThrows(IllegalArgumentException.class, () -> ErrorCurve.of(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void curvePointsAreMonotoneAndEndAtZeroFalseMatches() {
        double[] genuine = IntStream.range(0, 5000).mapToDouble(i -> 30 + (i % 977) * 0.1).toArray();
        double[] impostor = IntStream.range(0, 5000).mapToDouble(i -> (i % 631) * 0.07).toArray();
        List<ErrorCurve.Point> points = ErrorCurve.of(genuine, impostor).points(300);
        assertTrue(points.size() <= 400, "thinned: " + points.size());
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i).falseMatchRate() <= points.get(i - 1).falseMatchRate());
            assertTrue(points.get(i).falseNonMatchRate() >= points.get(i - 1).falseNonMatchRate());
        }
        assertEquals(1, points.getFirst().falseMatchRate(), 1e-12);
        assertEquals(0, points.getLast().falseMatchRate(), 1e-12);
        assertEquals(1, points.getLast().falseNonMatchRate(), 1e-12);
    }

    @Test
    void histogramBinsFromZeroWithAnOpenLastBin() {
        ErrorCurve.Histogram h = ErrorCurve.of(new double[] {4.9, 5, 500}, new double[] {0, 0, 12}).histogram(5, 4);
        assertEquals(List.of(1L, 1L, 0L, 1L), java.util.Arrays.stream(h.mated()).boxed().toList());
        assertEquals(List.of(2L, 0L, 1L, 0L), java.util.Arrays.stream(h.nonMated()).boxed().toList());
    }
}
