package id.satunik.matcher;

import id.satunik.ImageSource;
import java.nio.file.Path;

/** Scratch: prints the limbus derivative by radius for left and right arcs around the found pupil. */
public class IrisProfile {
    public static void main(String[] args) throws Exception {
        for (String a : args) {
            Path p = Path.of(a);
            GrayImage img = ImageDecoder.decode(ImageSource.of(p), a);
            IrisSegmentation s = new IrisSegmenter().segment(img, a);
            float[] px = new float[img.pixels().length];
            for (int i = 0; i < px.length; i++) px[i] = img.pixels()[i] & 0xFF;
            System.out.printf("%s pupil %.1f %.1f %.1f iris %.1f %.1f %.1f%n", p.getFileName(), s.pupil().x(), s.pupil().y(), s.pupil().r(), s.iris().x(), s.iris().y(), s.iris().r());
            for (int r = (int) s.pupil().r() + 10; r < 180; r += 4) {
                System.out.printf("r=%3d R:%6.1f L:%6.1f%n", r, mean(px, img.width(), img.height(), s.pupil(), r, -30, 30),
                        mean(px, img.width(), img.height(), s.pupil(), r, 150, 210));
            }
        }
    }

    static double mean(float[] px, int w, int h, IrisSegmentation.Circle c, double r, double a0, double a1) {
        double sum = 0; int n = 0;
        for (double a = a0; a <= a1; a += 2) {
            double x = c.x() + r * Math.cos(Math.toRadians(a)), y = c.y() + r * Math.sin(Math.toRadians(a));
            if (x >= 0 && y >= 0 && x < w - 1 && y < h - 1) { sum += IrisSegmenter.bilinear(px, w, x, y); n++; }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
