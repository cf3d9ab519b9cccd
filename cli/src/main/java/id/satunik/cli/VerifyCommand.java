package id.satunik.cli;

import id.satunik.DedupEngine;
import id.satunik.EyePosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.matcher.IrisExtractor;
import id.satunik.matcher.IrisMatcher;
import id.satunik.matcher.IrisTemplate;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code satunik verify}: 1:1 comparison of two fingerprint images, or of two eye images with
 * {@code --modality iris}; opens no store. One instance per invocation.
 */
@Command(name = "verify", sortOptions = false,
        description = {"Compares two fingerprint images, or two near-infrared eye images with --modality iris (1:1),",
                "and prints the score and MATCH or NO MATCH (for eyes also the distance, bits compared and each "
                        + "eye's quality).",
                "Exit code 0 either way; 2 when an image cannot be used."})
final class VerifyCommand implements Callable<Integer> {
    /** What the two images show. */
    enum Modality { finger, iris }

    @Parameters(index = "0", paramLabel = "A.img", description = "First image (PNG, BMP, TIFF, JPEG, WSQ; or a minutia template).")
    Path first;

    @Parameters(index = "1", paramLabel = "B.img", description = "Second image.")
    Path second;

    @Option(names = "--modality", paramLabel = "finger|iris", defaultValue = "finger",
            description = "finger (default) or iris: two eye images are compared as iris codes.")
    Modality modality;

    @Option(names = "--dpi", defaultValue = "500",
            description = "Resolution of both fingerprint images. Default: ${DEFAULT-VALUE}.")
    int dpi;

    @Option(names = "--threshold", paramLabel = "X", defaultValue = "40",
            description = "Score from which the two are one finger (40 = FMR about 0.01%%). Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new CliFailure("--threshold must be a positive number, was " + threshold);
        }
        if (modality == Modality.iris) {
            return irises();
        }
        double score;
        try {
            score = DedupEngine.compare(ImageSource.of(first), ImageSource.of(second), dpi);
        } catch (InvalidInputException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%.1f %s (threshold %.1f)%n", score,
                score >= threshold ? "MATCH" : "NO MATCH", threshold);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Two eyes: extraction of both (a refused eye is exit 2 with its reason), then the calibrated comparison. */
    private int irises() {
        IrisExtractor extractor = new IrisExtractor();
        IrisTemplate a;
        IrisTemplate b;
        try {
            // the eye position only labels messages: a 1:1 comparison may cross eyes on purpose
            a = extractor.extract(EyePosition.RIGHT, ImageSource.of(first));
            b = extractor.extract(EyePosition.RIGHT, ImageSource.of(second));
        } catch (InvalidInputException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        IrisMatcher.Comparison c = IrisMatcher.compare(a, b);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "%.1f %s (threshold %.1f; iris distance %.4f over %,d bits, rotation %+d; quality %.0f and %.0f)%n",
                c.score(), c.score() >= threshold ? "MATCH" : "NO MATCH", threshold, c.distance(), c.compared(),
                c.shift(), a.quality().score(), b.quality().score());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
