package id.satunik.matcher;

import id.satunik.EyePosition;
import id.satunik.ImageSource;
import java.nio.file.Path;
import java.util.List;

/** Scratch: single-thread extraction timing over a folder. */
public class IrisTiming {
    public static void main(String[] args) throws Exception {
        List<Path> files = IrisEvaluation.images(Path.of(args[0]));
        IrisExtractor x = new IrisExtractor();
        int n = Integer.parseInt(args[1]);
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try {
                    x.extract(EyePosition.LEFT, ImageSource.of(files.get(i * (files.size() / n))));
                } catch (RuntimeException e) {
                    // refused
                }
            }
            System.out.printf("round %d: %.1f ms/image%n", round, (System.nanoTime() - t0) / 1e6 / n);
        }
    }
}
