package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.matcher.IrisSegmentation.Circle;
import org.junit.jupiter.api.Test;

/** The segmenter's measures on synthetic images, where the right value is known. */
class IrisSegmenterTest {
    @Test
    void discSpreadIgnoresAFewBrightPixelsButNotStripes() {
        int w = 120;
        int h = 120;
        Circle disc = new Circle(60, 60, 40);
        // a flat dark pupil (grey 30) with a bright reflection over about 5% of the measured disc
        float[] pupil = new float[w * h];
        java.util.Arrays.fill(pupil, 30);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (Math.hypot(x - 60, y - 60) < 7) {
                    pupil[y * w + x] = 255;
                }
            }
        }
        assertEquals(0, IrisSegmenter.discSpread(pupil, w, h, disc, 0.8), 1e-9);
        // dark stripes with bright ones between them (lashes over skin): 40 to 200 across the disc
        float[] stripes = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                stripes[y * w + x] = (x / 4) % 2 == 0 ? 40 : 200;
            }
        }
        double spread = IrisSegmenter.discSpread(stripes, w, h, disc, 0.8);
        assertEquals(160 / 2.563, spread, 0.5);
        // a smooth ramp: the spread is the 10th-90th percentile range over 2.563
        float[] ramp = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y * w + x] = x;
            }
        }
        double rampSpread = IrisSegmenter.discSpread(ramp, w, h, disc, 0.8);
        assertTrue(rampSpread > 15 && rampSpread < 25, "ramp " + rampSpread);
    }
}
