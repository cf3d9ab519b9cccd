package id.satunik.matcher;

import id.satunik.ImageSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Scratch: segmentation quality figures for every image in the given folders (non-eyes included). */
public class IrisQuality {
    public static void main(String[] args) throws Exception {
        for (String dir : args) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                for (Path p : s.sorted().limit(40).toList()) {
                    try {
                        new IrisSegmenter().segment(ImageDecoder.decode(ImageSource.of(p), p.toString()), p.toString());
                    } catch (Exception e) {
                        System.err.println("REFUSED " + p.getFileName() + " " + e.getMessage());
                    }
                }
            }
        }
    }
}
