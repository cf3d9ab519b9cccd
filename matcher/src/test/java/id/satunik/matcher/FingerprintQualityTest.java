package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Issue 9: eye images and a striped pattern were enrolled as fingerprints; they are refused, prints are not. */
class FingerprintQualityTest {
    private final FingerprintExtractor extractor = new FingerprintExtractor();

    private String refusal(ImageSource image) {
        return assertThrows(InvalidInputException.class,
                () -> extractor.extract(FingerPosition.RIGHT_THUMB, image, 500)).getMessage();
    }

    @Test
    void eyeImagesAreNotFingerprints() throws IOException {
        Path interval = SharedData.root().resolve("iris/casia-iris-interval/S1004R01.jpg");
        Path v1 = SharedData.root().resolve("iris/casia-v1/001_1_1.jpg");
        for (Path eye : new Path[] {interval, v1}) {
            String message = refusal(ImageSource.of(eye));
            assertTrue(message.contains("not a fingerprint: the image shows an eye"), message);
        }
        // a truncated eye JPEG (the first 70 % of the file): refused too, as an eye or as a corrupt image
        byte[] bytes = Files.readAllBytes(interval);
        String truncated = refusal(ImageSource.of("truncated.jpg", Arrays.copyOf(bytes, bytes.length * 7 / 10)));
        assertTrue(truncated.contains("not a fingerprint") || truncated.contains("corrupt"), truncated);
    }

    /**
     * The eye test's iris segmenter finds a "pupil" and an "iris" in the rolled right index of NIST's inked reference
     * ten-print card (its ridge blocks cover only 24 % of the foreground: ink, pores, card text) and in some dry FVC
     * prints; their "iris" is the ridge area, with hardly a ridge outside it, so they are fingerprints. Eyes of all
     * three shared iris sets, whose iris is no more ridge-like than their lids and lashes, are still refused.
     */
    @Test
    void aPrintWhoseRidgeAreaLooksLikeAnIrisIsAFingerprintWhileEyesAreStillRefused() throws IOException {
        Path card = SharedData.root().resolve("ansi-nist/nist-reference-files/type-14-tpcard-nqm.an2");
        org.jnbis.api.model.Nist nist = org.jnbis.api.Jnbis.nist().decode(Files.readAllBytes(card));
        byte[] rolledRightIndex = nist.getVariableResFingerprints().stream()
                .filter(r -> r.getFingerPosition().equals("2") || r.getFingerPosition().equals("02"))
                .findFirst().orElseThrow().getImageData();
        GrayImage rolled = ImageDecoder.decode(rolledRightIndex, "rolled right index");
        assertTrue(extractor.nonFingerprint(rolled, 500, "rolled right index") == null,
                () -> extractor.nonFingerprint(rolled, 500, "rolled right index"));
        assertTrue(extractor.extract(FingerPosition.RIGHT_INDEX, ImageSource.of("card.an2#2", rolledRightIndex), 500)
                .minutiae() >= FingerprintExtractor.MIN_MINUTIAE);
        // a dry FVC print the segmenter also takes for an eye (refused as one before, ridge fraction 0.33)
        extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc("fvc2000-db3b", 101, 2)), 500);
        for (String eye : List.of("casia-iris-interval/S1004R01.jpg", "casia-v1/001_1_1.jpg", "iitd/001/01_L.png")) {
            String message = refusal(ImageSource.of(SharedData.root().resolve("iris").resolve(eye)));
            assertTrue(message.contains("not a fingerprint: the image shows an eye"), eye + ": " + message);
        }
    }

    @Test
    void aStripedPatternIsNotAFingerprint() throws IOException {
        BufferedImage stripes = new BufferedImage(400, 400, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                int v = (int) (128 + 100 * Math.sin(2 * Math.PI * (x + 0.3 * y) / 9.0));
                stripes.getRaster().setSample(x, y, 0, v);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(stripes, "png", png);
        String message = refusal(ImageSource.of("stripes.png", png.toByteArray()));
        assertTrue(message.contains("not a fingerprint: every ridge runs the same way"), message);
    }

    @Test
    void printsOfEverySharedSetStillExtractAndReportTheirQuality() {
        for (String db : new String[] {"fvc2000-db1b", "fvc2000-db2b", "fvc2000-db3b", "fvc2000-db4b",
                "fvc2002-db1b", "fvc2002-db3b", "fvc2002-db4b"}) {
            ImageSource print = ImageSource.of(SharedData.fvc(db, 101, 1));
            FingerTemplate template = extractor.extract(FingerPosition.RIGHT_THUMB, print, 500);
            assertTrue(template.minutiae() >= FingerprintExtractor.MIN_MINUTIAE, db);
            FingerprintQuality quality = extractor.quality(db, print, 500);
            assertTrue(quality.score() > 0 && quality.score() <= 100, db + " " + quality);
        }
        assertEquals(0, FingerprintQuality.of(new GrayImage(200, 200, new byte[200 * 200]), 500).score());
    }

    /**
     * The minutiae parts: a print prepared for enrollment reports its minutiae count and their reliability, and the
     * same print under heavy noise keeps many "minutiae" (SourceAFIS finds them in noise) but fewer reliable ones,
     * and scores lower.
     */
    @Test
    void minutiaeOnNoiseAreUnreliableAndLowerTheScore() throws IOException {
        Path file = SharedData.fvc("fvc2002-db1b", 102, 1);
        PreparedFinger clean = extractor.prepare(FingerPosition.LEFT_INDEX, ImageSource.of(file), 500);
        id.satunik.FingerQuality good = clean.quality();
        assertEquals(FingerPosition.LEFT_INDEX, good.position());
        assertEquals(clean.minutiae().count(), good.minutiae());
        assertTrue(good.reliableMinutiae() > 0.5 && good.reliableMinutiae() <= 1, good.toString());
        double expected = 100 * (Math.min(1, good.ridgeArea() / 0.5) + Math.min(1, good.minutiae() / 40.0)
                + good.reliableMinutiae()) / 3;
        assertEquals(expected, good.score(), 0.06, good.toString());

        BufferedImage noisy = ImageIO.read(file.toFile());
        java.util.Random random = new java.util.Random(9);
        for (int y = 0; y < noisy.getHeight(); y++) {
            for (int x = 0; x < noisy.getWidth(); x++) {
                int v = noisy.getRaster().getSample(x, y, 0) + (int) (random.nextGaussian() * 70);
                noisy.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(noisy, "png", png);
        FingerprintQuality poor = extractor.quality("noisy", ImageSource.of("noisy.png", png.toByteArray()), 500);
        assertTrue(poor.reliableMinutiae() < good.reliableMinutiae(), poor + " vs " + good);
        assertTrue(poor.score() < good.score(), poor + " vs " + good);
    }
}
