package id.satunik.matcher;

import id.satunik.ImageSource;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Prints quality figures and the non-fingerprint refusals per shared dataset (a record, not a test): {@code java ...
 * FingerprintQualityMeasurement [per-set sample, default 80]}; FVC 'B' prints, the NIST reference ten-print cards
 * (every finger record of type-4-tpcard.an2 and type-14-tpcard-nqm.an2) and the CASIA / IITD eyes. "refused" is
 * {@link FingerprintExtractor}'s own rule; "iris-rest" is, for the images the eye test's iris extractor accepts
 * below the ridge-fraction limit, the ridge fraction inside the found limbus minus that outside it.
 */
final class FingerprintQualityMeasurement {
    public static void main(String[] args) throws IOException {
        Path root = SharedData.root();
        nistCards(root.resolve("ansi-nist/nist-reference-files"));
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
            int dpi = set.toString().contains("db2b") && set.toString().contains("2002") ? 569 : 500;
            boolean prints = set.toString().contains("fingerprint");
            // images in parallel (the common pool: cores - 1 workers and the caller), results in file order
            List<Image> measured = IntStream.iterate(0, i -> i < images.size(), i -> i + step).boxed().parallel()
                    .map(i -> measure(images.get(i), dpi, prints)).toList();
            List<double[]> values = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            List<double[]> excess = new ArrayList<>();
            int refused = 0;
            for (Image m : measured) {
                values.add(new double[] {m.eye(), m.spread(), m.ridgeFraction()});
                refused += m.refused() ? 1 : 0;
                if (!Double.isNaN(m.excess())) {
                    excess.add(new double[] {m.excess()});
                }
                if (!Double.isNaN(m.score())) {
                    scores.add(m.score());
                }
                if (m.flagged() != null) {
                    System.out.println(m.flagged());
                }
            }
            System.out.printf("%-22s n=%3d refused %d (%.1f%%) irisFound %s | spread %s | ridge/fg %s%n", set.getFileName(),
                    values.size(), refused, 100.0 * refused / values.size(), pct(values, 0), pct(values, 1), pct(values, 2));
            if (!excess.isEmpty()) {
                System.out.printf("%-22s iris-rest (n=%d) %s%n", "", excess.size(), pct(excess, 0));
            }
            if (!scores.isEmpty()) {
                System.out.printf("%-22s quality score (image + minutiae) %s%n", "", pct(scores.stream()
                        .map(v -> new double[] {v}).toList(), 0));
            }
        }
    }

    /** One image's figures; excess and score NaN where not measured. */
    private record Image(double eye, double spread, double ridgeFraction, boolean refused, double excess, double score,
                         String flagged) {
    }

    private static Image measure(Path path, int dpi, boolean print) {
        GrayImage gray = ImageDecoder.decode(ImageSource.of(path), path.toString());
        FingerprintQuality q = FingerprintQuality.of(gray, dpi);
        // the extractor's own refusal rule
        String reason = EXTRACTOR.nonFingerprint(gray, dpi, "x");
        List<double[]> excess = new ArrayList<>();
        double eye = irisRest(gray, dpi, excess);
        double score = Double.NaN;
        if (print) {
            try {
                score = EXTRACTOR.quality("x", ImageSource.of(path), dpi).score();
            } catch (RuntimeException unusable) {
                // counted by the refusal or unusable
            }
        }
        String flagged = print && (eye > 0 || q.orientationSpread() < 0.1) ? "  flagged " + path + " " + q + " spread "
                + q.orientationSpread() + " iris " + eye + (excess.isEmpty() ? "" : " iris-rest " + excess.get(0)[0])
                + (reason == null ? "" : " REFUSED") : null;
        return new Image(eye, q.orientationSpread(), q.ridgeArea() / Math.max(1e-9, q.foreground()), reason != null,
                excess.isEmpty() ? Double.NaN : excess.get(0)[0], score, flagged);
    }

    private static final FingerprintExtractor EXTRACTOR = new FingerprintExtractor();
    private static final IrisExtractor EYES = IrisExtractor.forEyeTest();

    /**
     * 1 when the eye test's iris extractor takes the image for an eye, else 0; when it does below the
     * ridge-fraction limit, adds the iris's ridge fraction minus the rest's to {@code excess}.
     */
    private static double irisRest(GrayImage gray, int dpi, List<double[]> excess) {
        IrisSegmentation.Circle limbus;
        try {
            limbus = EYES.limbus(gray, "x");
        } catch (RuntimeException notAnEye) {
            return 0;
        }
        int block = FingerprintQuality.blockSide(dpi);
        byte[] blocks = new byte[(gray.width() / block) * (gray.height() / block)];
        FingerprintQuality q = FingerprintQuality.withBlocks(gray, dpi, blocks);
        if (q.ridgeArea() / Math.max(1e-9, q.foreground()) < FingerprintExtractor.EYE_RIDGE_FRACTION) {
            double[] inOut = FingerprintExtractor.ridgeFractionsInsideOutside(blocks, gray.width() / block, block,
                    limbus);
            excess.add(new double[] {inOut[0] - inOut[1]});
        }
        return 1;
    }

    /** Every finger record of the two NIST reference ten-print cards (500 dpi). */
    private static void nistCards(Path dir) throws IOException {
        int n = 0;
        int refused = 0;
        List<double[]> excess = new ArrayList<>();
        for (String file : List.of("type-4-tpcard.an2", "type-14-tpcard-nqm.an2")) {
            org.jnbis.api.model.Nist nist = org.jnbis.api.Jnbis.nist().decode(Files.readAllBytes(dir.resolve(file)));
            List<byte[]> images = new ArrayList<>();
            List<String> names = new ArrayList<>();
            nist.getHiResGrayscaleFingerprints().forEach(r -> {
                images.add(r.getImageData());
                names.add(file + "#" + r.getFingerPosition());
            });
            nist.getVariableResFingerprints().forEach(r -> {
                images.add(r.getImageData());
                names.add(file + "#" + r.getFingerPosition());
            });
            for (int i = 0; i < images.size(); i++) {
                GrayImage gray = ImageDecoder.decode(images.get(i), names.get(i));
                n++;
                String reason = EXTRACTOR.nonFingerprint(gray, 500, names.get(i));
                if (reason != null) {
                    refused++;
                    System.out.println("  refused " + names.get(i) + ": " + reason);
                }
                irisRest(gray, 500, excess);
            }
        }
        System.out.printf("%-22s n=%3d refused %d%n", "nist-tpcards", n, refused);
        if (!excess.isEmpty()) {
            System.out.printf("%-22s iris-rest (n=%d) %s%n", "", excess.size(), pct(excess, 0));
        }
    }

    private static String pct(List<double[]> values, int k) {
        double[] v = values.stream().mapToDouble(a -> a[k]).sorted().toArray();
        return String.format("min %.2f p5 %.2f p50 %.2f p95 %.2f max %.2f mean %.3f", v[0], v[(int) (v.length * 0.05)],
                v[v.length / 2], v[(int) (v.length * 0.95)], v[v.length - 1], java.util.Arrays.stream(v).average().orElse(0));
    }
}
