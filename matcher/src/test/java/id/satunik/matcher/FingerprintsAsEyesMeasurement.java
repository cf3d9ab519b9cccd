package id.satunik.matcher;

import id.satunik.EyePosition;
import id.satunik.ImageSource;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * How many of the 640 FVC prints the iris extractors take for eyes: the default extractor and the fingerprint
 * extractor's eye test ({@link IrisExtractor#forEyeTest()}). How many the fingerprint extractor then refuses as
 * eyes (its own rule on top of the eye test) is counted by FingerprintQualityMeasurement.
 * {@code java -cp <test classpath> id.satunik.matcher.FingerprintsAsEyesMeasurement} (a record, not a test).
 */
final class FingerprintsAsEyesMeasurement {
    public static void main(String[] args) throws IOException {
        List<Path> images;
        try (Stream<Path> s = Files.walk(SharedData.root().resolve("fingerprint"), 2)) {
            images = s.filter(p -> p.getParent().getFileName().toString().matches("fvc\\d{4}-db\\db"))
                    .filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
        IrisExtractor eyeTest = IrisExtractor.forEyeTest();
        IrisExtractor plain = new IrisExtractor();
        List<String> byEyeTest = Collections.synchronizedList(new ArrayList<>());
        List<String> byDefault = Collections.synchronizedList(new ArrayList<>());
        images.parallelStream().forEach(p -> {
            GrayImage gray = ImageDecoder.decode(ImageSource.of(p), p.toString());
            String name = p.getParent().getFileName() + "/" + p.getFileName();
            try {
                eyeTest.extract(EyePosition.RIGHT, gray, name);
                byEyeTest.add(name);
            } catch (RuntimeException notAnEye) {
                // not taken for an eye
            }
            try {
                plain.extract(EyePosition.RIGHT, gray, name);
                byDefault.add(name);
            } catch (RuntimeException notAnEye) {
                // not taken for an eye
            }
        });
        for (List<String> list : List.of(byEyeTest, byDefault)) {
            Collections.sort(list);
        }
        System.out.println(images.size() + " prints; the default iris extractor takes " + byDefault.size() + ": "
                + byDefault);
        System.out.println("the fingerprint extractor's eye test takes " + byEyeTest.size() + ": " + byEyeTest);
    }
}
