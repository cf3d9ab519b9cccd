package id.satunik.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.EyePosition;
import id.satunik.ImageSource;
import id.satunik.matcher.IrisExtractor;
import id.satunik.matcher.IrisMatcher;
import id.satunik.matcher.IrisTemplate;
import id.satunik.matcher.ScoreFusion;
import id.satunik.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrisModalityTest {
    private final IrisModality modality = new IrisModality();

    /** The evaluation scores eyes exactly as the matcher does, and fuses two eyes by the engine's rule. */
    @Test
    void scoresAndFusesEyesAsTheMatcher() {
        Path r1 = casia("S1001R01.jpg");
        Path r2 = casia("S1001R02.jpg");
        Path l1 = casia("S1001L01.jpg");
        Path l2 = casia("S1001L02.jpg");
        IrisExtractor extractor = new IrisExtractor();
        double right = modality.probe(template(r2)).applyAsDouble(template(r1));
        double left = modality.probe(template(l2)).applyAsDouble(template(l1));
        assertEquals(IrisMatcher.compare(extractor.extract(EyePosition.RIGHT, ImageSource.of(r2)),
                extractor.extract(EyePosition.RIGHT, ImageSource.of(r1))).score(), right, 1e-12);
        assertTrue(right >= modality.recommendedThreshold() && left >= modality.recommendedThreshold(),
                "two captures of one eye match: " + right + ", " + left);
        double impostor = modality.probe(template(r1)).applyAsDouble(template(l1));
        assertTrue(impostor < modality.recommendedThreshold(), "the two eyes of a person are different irises: " + impostor);

        assertEquals(ScoreFusion.fuse(new double[] {right, left}), modality.fuse(new double[] {right, left}), 1e-12);
        assertTrue(modality.fuse(new double[] {right, left}) > Math.max(right, left), "two eyes say more than one");
        assertEquals(List.of("RIGHT"), modality.positions(1));
        assertEquals(List.of("RIGHT", "LEFT"), modality.positions(2));
        assertEquals(2, modality.maxPositions());
        assertEquals("iris", modality.name());
        assertTrue(modality.scoreScale().contains("0.3573"), modality.scoreScale());
    }

    private static Path casia(String file) {
        return SharedData.root().resolve("iris/casia-iris-interval").resolve(file);
    }

    private IrisTemplate template(Path file) {
        return modality.extract(new Sample("casia", new Sample.Identity("casia", "1"), 1, file, 500));
    }
}
