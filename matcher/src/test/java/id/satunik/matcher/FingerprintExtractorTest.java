package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.UnusableSampleException;
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
import org.junit.jupiter.api.io.TempDir;

class FingerprintExtractorTest {
    private final FingerprintExtractor extractor = new FingerprintExtractor();

    @Test
    void extractsRealPrintsAndScoresGenuineAboveImpostor() {
        FingerTemplate a1 = extract("fvc2002-db1b", 101, 1);
        FingerTemplate a2 = extract("fvc2002-db1b", 101, 2);
        FingerTemplate b1 = extract("fvc2002-db1b", 102, 1);
        assertTrue(a1.minutiae() >= 20, "a real print has dozens of minutiae, got " + a1.minutiae());

        PersonProbe probe = new PersonProbe(List.of(a1));
        double[] perFinger = new double[10];
        double genuine = probe.score(new PersonFingerprints(List.of(a2)), perFinger);
        assertEquals(genuine, perFinger[0], 1e-9, "one finger fused is that finger's score");
        double impostor = probe.score(new PersonFingerprints(List.of(b1)), perFinger);
        assertTrue(genuine >= 40, "same finger, another impression: " + genuine);
        assertTrue(impostor < 40, "different fingers: " + impostor);
    }

    @Test
    void decodesEveryFormatTheManifestAllows(@TempDir Path dir) throws IOException {
        BufferedImage tif = ImageIO.read(SharedData.fvc("fvc2000-db1b", 103, 1).toFile());
        for (String format : List.of("png", "bmp", "jpeg", "tiff")) {
            Path file = dir.resolve("print." + format);
            assertTrue(ImageIO.write(tif, format, file.toFile()), format);
            FingerTemplate template = extractor.extract(FingerPosition.LEFT_INDEX, ImageSource.of(file), 500);
            assertTrue(template.minutiae() >= FingerprintExtractor.MIN_MINUTIAE, format);
        }
    }

    @Test
    void refusesTinyImageWithTheReason() throws IOException {
        BufferedImage tiny = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of("tiny.png", png(tiny)), 500));
        assertFalse(e instanceof UnusableSampleException, "a tiny image is an input error, not a poor capture");
        assertTrue(e.getMessage().contains("RIGHT_THUMB image tiny.png"), e.getMessage());
        assertTrue(e.reason().contains("too small to hold a fingerprint"), e.reason());
    }

    @Test
    void refusesBlankImage() throws IOException {
        BufferedImage blank = new BufferedImage(300, 300, BufferedImage.TYPE_BYTE_GRAY);
        InvalidInputException e = assertThrows(UnusableSampleException.class,
                () -> extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of("blank.png", png(blank)), 500));
        assertTrue(e.reason().contains("blank"), e.reason());
    }

    @Test
    void refusesCorruptMissingAndEmptyFiles(@TempDir Path dir) throws IOException {
        byte[] real = Files.readAllBytes(SharedData.fvc("fvc2000-db1b", 101, 1));
        byte[] truncated = Arrays.copyOf(real, 200);
        InvalidInputException corrupt = assertThrows(InvalidInputException.class,
                () -> extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of("cut.tif", truncated), 500));
        assertTrue(corrupt.getMessage().startsWith("RIGHT_THUMB image cut.tif: "), corrupt.getMessage());

        InvalidInputException text = assertThrows(InvalidInputException.class, () -> extractor.extract(
                FingerPosition.RIGHT_THUMB, ImageSource.of("notes.png", "hello".getBytes()), 500));
        assertTrue(text.reason().startsWith("not a PNG, BMP, TIFF, JPEG or WSQ image"), text.reason());

        Path missing = dir.resolve("nowhere.tif");
        InvalidInputException notFound = assertThrows(InvalidInputException.class,
                () -> extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of(missing), 500));
        assertTrue(notFound.reason().startsWith("image file not found"), notFound.reason());

        Path empty = Files.createFile(dir.resolve("empty.tif"));
        InvalidInputException emptyFile = assertThrows(InvalidInputException.class,
                () -> extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of(empty), 500));
        assertTrue(emptyFile.reason().startsWith("image file is empty"), emptyFile.reason());
    }

    @Test
    void refusesImageWithoutRidges() throws IOException {
        // Smooth noise-free gradient: decodes, has contrast, but no ridge structure and so no minutiae.
        BufferedImage gradient = new BufferedImage(300, 300, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                gradient.getRaster().setSample(x, y, 0, (x + y) * 255 / 600);
            }
        }
        InvalidInputException e = assertThrows(UnusableSampleException.class,
                () -> extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of("gradient.png", png(gradient)), 500));
        assertTrue(e.reason().startsWith("no usable fingerprint"), e.reason());
    }

    private FingerTemplate extract(String db, int finger, int impression) {
        return extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc(db, finger, impression)), 500);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
