package id.satunik.matcher;

import id.satunik.EyePosition;
import id.satunik.ImageSource;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Scratch. */
public class IrisLashDebug {
    public static void main(String[] args) throws Exception {
        Path p = Path.of("/work/shared/data/iris/casia-iris-interval/S1010R02.jpg");
        BufferedImage eye = ImageIO.read(p.toFile());
        System.out.println("type " + eye.getType());
        GrayImage gray = ImageDecoder.decode(ImageSource.of(p), "x");
        IrisSegmentation s = new IrisSegmenter().segment(gray, "x");
        int painted = 0;
        for (int y = 0; y < eye.getHeight(); y++) {
            for (int x = 0; x < eye.getWidth(); x++) {
                double d = Math.hypot(x - s.pupil().x(), y - s.pupil().y());
                if (d > s.pupil().r() * 1.25 && Math.hypot(x - s.iris().x(), y - s.iris().y()) < s.iris().r() * 0.9 && x % 3 == 0) {
                    eye.getRaster().setSample(x, y, 0, 5);
                    painted++;
                }
            }
        }
        ImageIO.write(eye, "png", new java.io.File("/tmp/irisview/lashes.png"));
        IrisTemplate t = new IrisExtractor().extract(EyePosition.RIGHT, ImageSource.of(Path.of("/tmp/irisview/lashes.png")));
        System.out.println("painted " + painted + " usable " + t.usableFraction());
        GrayImage g2 = ImageDecoder.decode(ImageSource.of(Path.of("/tmp/irisview/lashes.png")), "y");
        IrisSegmentation s2 = new IrisSegmenter().segment(g2, "y");
        System.out.println(s + "\n" + s2.pupil() + " " + s2.iris());
    }
}
