package id.satunik.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.PersonFingerprints;
import id.satunik.matcher.PersonProbe;
import id.satunik.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintModalityTest {
    private final FingerprintModality modality = new FingerprintModality();
    private final FingerprintExtractor extractor = new FingerprintExtractor();

    /** The chimeric evaluation fuses precomputed finger scores: it must equal what the engine's PersonProbe says. */
    @Test
    void fusedFingerScoresEqualPersonProbe() {
        Path a1 = SharedData.fvc("fvc2002-db1b", 101, 1);
        Path a2 = SharedData.fvc("fvc2002-db1b", 101, 2);
        Path b1 = SharedData.fvc("fvc2002-db3b", 104, 1);
        Path b2 = SharedData.fvc("fvc2002-db3b", 104, 2);
        PersonProbe probe = new PersonProbe(List.of(finger(FingerPosition.RIGHT_INDEX, a2), finger(FingerPosition.LEFT_INDEX, b2)));
        PersonFingerprints enrolled = new PersonFingerprints(
                List.of(finger(FingerPosition.RIGHT_INDEX, a1), finger(FingerPosition.LEFT_INDEX, b1)));
        double engine = probe.score(enrolled, new double[10]);

        double right = modality.probe(finger(a2)).applyAsDouble(finger(a1));
        double left = modality.probe(finger(b2)).applyAsDouble(finger(b1));
        assertEquals(engine, modality.fuse(new double[] {right, left}), 1e-9);
        assertEquals(List.of("RIGHT_INDEX", "LEFT_INDEX"), modality.positions(2));
        assertEquals(10, modality.maxPositions());
    }

    private FingerTemplate finger(FingerPosition position, Path file) {
        return extractor.extract(position, ImageSource.of(file), 500);
    }

    private FingerprintModality.Finger finger(Path file) {
        return modality.extract(new Sample("db", new Sample.Identity("db", "1"), 1, file, 500));
    }
}
