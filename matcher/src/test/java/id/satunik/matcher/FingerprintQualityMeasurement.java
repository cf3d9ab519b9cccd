package id.satunik.matcher;

import id.satunik.ImageSource;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Prints quality figures per shared dataset: {@code java ... FingerprintQualityMeasurement} (a record, not a test). */
final class FingerprintQualityMeasurement {
    public static void main(String[] args) throws IOException {
        Path root = SharedData.root();
        List<Path> sets = new ArrayList<>();
        try (Stream<Path> fp = Files.list(root.resolve("fingerprint"))) {
            fp.filter(p -> p.getFileName().toString().matches("fvc\\d{4}-db\\db")).sorted().forEach(sets::add);
        }
        sets.add(root.resolve("iris/casia-iris-interval"));
        sets.add(root.resolve("iris/casia-v1"));
        sets.add(root.resolve("iris/iitd"));
        for (Path set : sets) {
            List<Path> images;
            try (Stream<Path> files = Files.walk(set)) {
                images = files.filter(p -> p.toString().matches(".*\\.(tif|jpg|bmp|png)$")).sorted().toList();
            }
            int step = Math.max(1, images.size() / Integer.parseInt(args.length > 0 ? args[0] : "80"));
            List<double[]> values = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < images.size(); i += step) {
                int dpi = set.toString().contains("db2b") && set.toString().contains("2002") ? 569 : 500;
                GrayImage gray = ImageDecoder.decode(ImageSource.of(images.get(i)), images.get(i).toString());
                FingerprintQuality q = FingerprintQuality.of(gray, dpi);
                double eye = 0;
                try {
                    new IrisExtractor().extract(id.satunik.EyePosition.RIGHT, gray, "x");
                    eye = 1;
                } catch (RuntimeException e) {
                    eye = 0;
                }
                values.add(new double[] {eye, q.orientationSpread(), q.ridgeArea() / Math.max(1e-9, q.foreground())});
                // the extractor's refusal rule, on the image-only features it uses
                boolean stripes = q.ridgeArea() > 0 && q.orientationSpread() < FingerprintExtractor.MIN_ORIENTATION_SPREAD;
                boolean anEye = eye > 0 && q.ridgeArea() / Math.max(1e-9, q.foreground()) < FingerprintExtractor.EYE_RIDGE_FRACTION;
                refused += stripes || anEye ? 1 : 0;
                if (set.toString().contains("fingerprint")) {
                    try {
                        scores.add(new FingerprintExtractor().quality("x", ImageSource.of(images.get(i)), dpi).score());
                    } catch (RuntimeException unusable) {
                        // counted by the refusal above or unusable
                    }
                }
                if (set.toString().contains("fingerprint") && (eye > 0 || q.orientationSpread() < 0.1)) {
                    System.out.println("  flagged " + images.get(i) + " " + q + " spread " + q.orientationSpread()
                            + " iris " + eye);
                }
            }
            System.out.printf("%-22s n=%3d refused %d (%.1f%%) irisFound %s | spread %s | ridge/fg %s%n", set.getFileName(),
                    values.size(), refused, 100.0 * refused / values.size(), pct(values, 0), pct(values, 1), pct(values, 2));
            if (!scores.isEmpty()) {
                System.out.printf("%-22s quality score (image + minutiae) %s%n", "", pct(scores.stream()
                        .map(v -> new double[] {v}).toList(), 0));
            }
        }
    }

    private static String pct(List<double[]> values, int k) {
        double[] v = values.stream().mapToDouble(a -> a[k]).sorted().toArray();
        return String.format("min %.2f p5 %.2f p50 %.2f p95 %.2f max %.2f mean %.3f", v[0], v[(int) (v.length * 0.05)],
                v[v.length / 2], v[(int) (v.length * 0.95)], v[v.length - 1], java.util.Arrays.stream(v).average().orElse(0));
    }
}
