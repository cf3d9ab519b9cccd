package id.satunik.cli;

import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.MinutiaTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code satunik template}: writes the minutia template of a fingerprint image in a standard format (ISO/IEC
 * 19794-2 2005/2011, ANSI INCITS 378 2004/2009), for exchange with other AFIS; opens no store. One instance per
 * invocation.
 */
@Command(name = "template", sortOptions = false,
        description = {"Extracts a fingerprint image's minutiae and writes them as a standard template (ISO/IEC 19794-2"
                + " or ANSI INCITS 378). Such a template is accepted back wherever a finger image is (manifests, identify,"
                + " verify).",
                "Exit code 0 when written; 2 when the image cannot be used or the file not written."})
final class TemplateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Fingerprint image (PNG, BMP, TIFF, JPEG, WSQ) or template.")
    Path image;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the template.")
    Path out;

    @Option(names = "--format", defaultValue = "iso-19794-2-2005", paramLabel = "FORMAT",
            description = "iso-19794-2-2005 (default), iso-19794-2-2011, ansi-378-2004 or ansi-378-2009.")
    String format;

    @Option(names = "--dpi", defaultValue = "500", description = "Resolution of the image. Default: ${DEFAULT-VALUE}.")
    int dpi;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MinutiaTemplates.Format chosen;
        try {
            chosen = MinutiaTemplates.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--format: " + e.getMessage());
        }
        if (dpi < 250 || dpi > 2000) {
            throw new CliFailure("--dpi " + dpi + " is outside 250-2000");
        }
        FingerTemplate template;
        try {
            // The position is a label: the standards' finger code is left unknown, as SourceAFIS writes it.
            template = new FingerprintExtractor().extract(FingerPosition.RIGHT_THUMB, ImageSource.of(image), dpi);
        } catch (InvalidInputException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        byte[] bytes = MinutiaTemplates.write(template, chosen);
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + out + ": " + Problems.describe(e), e);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s, %d minutiae, %d bytes%n", out, chosen.title(),
                template.minutiae(), bytes.length);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
