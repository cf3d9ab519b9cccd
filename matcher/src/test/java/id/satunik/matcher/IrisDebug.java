package id.satunik.matcher;

import id.satunik.ImageSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Scratch: renders segmentation overlays into a montage PNG. args: dir glob-step out.png */
public class IrisDebug {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int step = Integer.parseInt(args[1]);
        int offset = args.length > 3 && step != 0 ? Integer.parseInt(args[3]) : 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        List<Path> pick = new ArrayList<>();
        if (step == 0) {
            for (String name : args[3].split(",")) {
                pick.add(dir.resolve(name));
            }
        } else {
            for (int i = offset; i < files.size() && pick.size() < 20; i += step) {
                pick.add(files.get(i));
            }
        }
        OpenCv.load();
        int cols = 5;
        Mat montage = new Mat(280 * 4, 320 * cols, CvType.CV_8UC3, new Scalar(0, 0, 0));
        IrisSegmenter seg = new IrisSegmenter();
        for (int k = 0; k < pick.size(); k++) {
            Path p = pick.get(k);
            GrayImage img = ImageDecoder.decode(ImageSource.of(p), p.toString());
            Mat g = new Mat(img.height(), img.width(), CvType.CV_8UC1);
            g.put(0, 0, img.pixels());
            Mat c = new Mat();
            Imgproc.cvtColor(g, c, Imgproc.COLOR_GRAY2BGR);
            String label = p.getFileName().toString();
            try {
                long t0 = System.nanoTime();
                IrisSegmentation s = seg.segment(img, p.toString());
                long t1 = System.nanoTime();
                byte[] rgb = new byte[img.width() * img.height() * 3];
                c.get(0, 0, rgb);
                for (int i = 0; i < s.noise().length; i++) {
                    if (s.noise()[i] != 0 && Math.hypot(i % img.width() - s.pupil().x(), i / img.width() - s.pupil().y()) > s.pupil().r() && Math.hypot(i % img.width() - s.iris().x(), i / img.width() - s.iris().y()) < s.iris().r()) {
                        rgb[i * 3 + 2] = (byte) Math.min(255, (rgb[i * 3 + 2] & 0xFF) + 90);
                    }
                }
                c.put(0, 0, rgb);
                Imgproc.circle(c, new Point(s.pupil().x(), s.pupil().y()), (int) s.pupil().r(), new Scalar(0, 255, 0), 1);
                Imgproc.circle(c, new Point(s.iris().x(), s.iris().y()), (int) s.iris().r(), new Scalar(255, 255, 0), 1);
                label += String.format(" %.0fms", (t1 - t0) / 1e6);
            } catch (Exception e) {
                label += " ERR " + e.getMessage();
                System.out.println(p + " " + e.getMessage());
            }
            Imgproc.putText(c, label, new Point(3, 14), Imgproc.FONT_HERSHEY_SIMPLEX, 0.4, new Scalar(0, 255, 255), 1);
            Mat roi = montage.submat(new Rect((k % cols) * 320, (k / cols) * 280, 320, 280));
            Imgproc.resize(c, c, roi.size());
            c.copyTo(roi);
        }
        Imgcodecs.imwrite(args[2], montage);
    }
}
