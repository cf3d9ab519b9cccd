package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.testing.Mutator;
import id.satunik.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of fingerprint image files and their headers (issue 9): every mutated image gives a
 * template or a clear refusal ({@link InvalidInputException}, which includes unusable samples), never another
 * exception, an Error or a hang. Seeds: a real FVC print as PNG, BMP, JPEG and the original TIFF, and the 69-byte
 * PNG that claims 23000x23000. 1,000 images in the normal build (mutations favour the first 64 bytes, the
 * headers), 20,000 under -Plarge.
 */
class ImageFuzzTest {

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void mutatedImagesGiveATemplateOrAClearRefusal() throws IOException {
        BufferedImage print = ImageIO.read(SharedData.fvc("fvc2002-db1b", 104, 1).toFile());
        // a 136 x 136 px crop keeps SourceAFIS fast while still above the 0.25 in minimum at 500 dpi
        BufferedImage crop = new BufferedImage(136, 136, BufferedImage.TYPE_BYTE_GRAY);
        crop.getGraphics().drawImage(print.getSubimage(150, 150, 136, 136), 0, 0, null);
        List<byte[]> seeds = new ArrayList<>(List.of(encode(crop, "png"), encode(crop, "bmp"), encode(crop, "jpeg"),
                Files.readAllBytes(SharedData.fvc("fvc2000-db1b", 101, 1))));
        seeds.add(java.util.HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000059d8000059d80800000000"
                + "19f53df40000000c49444154789c63000000010001000000f2c779250000000049454e44ae426082"));
        FingerprintExtractor extractor = new FingerprintExtractor();
        Mutator mutator = new Mutator(2026);
        int count = Mutator.count(1_000, 20_000);
        int templates = 0;
        int refused = 0;
        long slowest = 0;
        for (int i = 0; i < count; i++) {
            byte[] image = mutator.mutate(seeds.get(mutator.random().nextInt(seeds.size())), 64);
            long start = System.nanoTime();
            try {
                extractor.extract(FingerPosition.RIGHT_THUMB, ImageSource.of("fuzz-" + i, image), 500);
                templates++;
            } catch (InvalidInputException e) {
                assertTrue(e.getMessage().startsWith("RIGHT_THUMB image fuzz-" + i + ": "), e.getMessage());
                assertFalse(e.reason().isBlank());
                refused++;
            }
            slowest = Math.max(slowest, System.nanoTime() - start);
        }
        assertEquals(count, templates + refused);
        assertTrue(refused > 0 && templates > 0, templates + " templates, " + refused + " refusals");
        System.out.printf("image fuzz: %d inputs, %d templates, %d refused, slowest %.0f ms%n", count, templates,
                refused, slowest / 1e6);
    }
}
