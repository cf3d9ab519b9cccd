package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WSQ fingerprints, decoded by jnbis, wherever an image is accepted. */
class WsqTest {
    private final FingerprintExtractor extractor = new FingerprintExtractor();

    /** The jnbis/NIST sample and its reference decode: every pixel equal. */
    @Test
    void goldenDecodeEqualsTheReferencePng() {
        Path folder = SharedData.root().resolve("fingerprint/nist-wsq-sample");
        GrayImage wsq = ImageDecoder.decode(ImageSource.of(folder.resolve("sample.wsq")), "sample.wsq");
        GrayImage png = ImageDecoder.decode(ImageSource.of(folder.resolve("sample.png")), "sample.png");
        assertEquals(545, wsq.width());
        assertEquals(622, wsq.height());
        assertArrayEquals(png.pixels(), wsq.pixels(), "WSQ decode = reference PNG, pixel for pixel");
    }

    /** An FVC finger enrolled from WSQ matches another impression given as TIFF, and not another finger. */
    @Test
    void wsqPrintMatchesTheTiffOfAnotherImpression() {
        Path wsq = SharedData.root().resolve("fingerprint/fvc2000-db1b-wsq/101_1.wsq");
        FingerTemplate fromWsq = extractor.extract(FingerPosition.RIGHT_INDEX, ImageSource.of(wsq), 500);
        FingerTemplate sameFinger = extractor.extract(FingerPosition.RIGHT_INDEX,
                ImageSource.of(SharedData.fvc("fvc2000-db1b", 101, 2)), 500);
        FingerTemplate otherFinger = extractor.extract(FingerPosition.RIGHT_INDEX,
                ImageSource.of(SharedData.fvc("fvc2000-db1b", 102, 2)), 500);
        PersonProbe probe = new PersonProbe(List.of(fromWsq));
        double genuine = probe.score(new PersonFingerprints(List.of(sameFinger)), new double[10]);
        double impostor = probe.score(new PersonFingerprints(List.of(otherFinger)), new double[10]);
        assertTrue(genuine >= MatchRule.DEFAULT_THRESHOLD, "WSQ vs TIFF, same finger: " + genuine);
        assertTrue(impostor < MatchRule.DEFAULT_THRESHOLD, "WSQ vs TIFF, other finger: " + impostor);
    }

    @Test
    void truncatedWsqIsRefusedNamingTheImage() throws IOException {
        byte[] whole = Files.readAllBytes(SharedData.root().resolve("fingerprint/nist-wsq-sample/sample.wsq"));
        ImageSource cut = ImageSource.of("cut.wsq", Arrays.copyOf(whole, 400));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> extractor.extract(FingerPosition.LEFT_THUMB, cut, 500));
        assertTrue(e.getMessage().contains("LEFT_THUMB image cut.wsq") && e.getMessage().contains("WSQ"), e.getMessage());
    }
}
