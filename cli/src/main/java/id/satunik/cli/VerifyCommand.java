package id.satunik.cli;

import id.satunik.DedupEngine;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code satunik verify}: 1:1 comparison of two fingerprint images; opens no store. One instance per invocation.
 */
@Command(name = "verify", sortOptions = false,
        description = {"Compares two fingerprint images (1:1) and prints the score and MATCH or NO MATCH.",
                "Exit code 0 either way; 2 when an image cannot be used."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A.img", description = "First image (PNG, BMP, TIFF, JPEG, WSQ).")
    Path first;

    @Parameters(index = "1", paramLabel = "B.img", description = "Second image.")
    Path second;

    @Option(names = "--dpi", defaultValue = "500", description = "Resolution of both images. Default: ${DEFAULT-VALUE}.")
    int dpi;

    @Option(names = "--threshold", paramLabel = "X", defaultValue = "40",
            description = "Score from which the two are one finger (40 = FMR about 0.01%%). Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
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
}
