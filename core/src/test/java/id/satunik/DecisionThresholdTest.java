package id.satunik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DecisionThresholdTest {

    @Test
    void theThresholdKeepsGallerySizeTimesFmrAtTheTargetFpir() {
        DecisionThreshold fpir = new DecisionThreshold(40, 0.001);
        assertEquals(52.97, fpir.at(198), 0.01);          // issue 9's 198 persons
        assertEquals(80.0, fpir.at(100_000), 1e-9);
        assertEquals(112.79, fpir.at(190_000_000L), 0.01); // the national gallery
        // N x FMR at the derived threshold is the target
        double threshold = fpir.at(5_000_000);
        assertEquals(0.001, 5_000_000 * Math.pow(10, -threshold / 10), 1e-12);
    }

    @Test
    void neverBelowTheConfiguredMinimumAndFixedWithoutATarget() {
        assertEquals(40, new DecisionThreshold(40, 0.001).at(0), 1e-9);  // -10 log10(0.001) = 30 < 40
        assertEquals(40, new DecisionThreshold(40, 0.001).at(10), 1e-9);
        assertEquals(45, DecisionThreshold.fixed(45).at(190_000_000L), 1e-9);
        assertEquals(50, EngineOptions.at(Path.of("s")).withTargetFpir(1e-5).decisionThreshold().at(1), 1e-9);
    }

    @Test
    void nonsenseIsRefused() {
        for (double fpir : new double[] {-0.1, 1, 2, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new DecisionThreshold(40, fpir), "fpir " + fpir);
        }
        for (double threshold : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> EngineOptions.at(Path.of("s")).withThreshold(threshold),
                    "threshold " + threshold);
        }
    }
}
