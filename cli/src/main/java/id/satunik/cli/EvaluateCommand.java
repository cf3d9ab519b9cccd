package id.satunik.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.satunik.InvalidInputException;
import id.satunik.evaluation.AccuracyEvaluation;
import id.satunik.evaluation.EvaluationSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code satunik evaluate}: the command-line shell of {@link AccuracyEvaluation} (module {@code evaluation}), which measures accuracy on the operator's own images — FMR/FNMR, EER, FNMR at fixed FMR,
 * failure to enroll, ISO/IEC 19795-1 open-set FNIR/FPIR, and the gain of multi-finger fusion on chimeric persons
 * — and writes them as JSON and as a self-contained HTML page with DET curves and score histograms. Results
 * depend only on the images and the seed.
 *
 * <p>Not thread-safe: picocli fills one instance per invocation.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures accuracy on a folder of images whose names say whose they are: FMR/FNMR, EER, FNMR at"
                + " FMR 1%%/0.1%%/0.01%%, failure-to-enroll, open-set FNIR at FPIR 1%%/0.1%% (ISO/IEC 19795-1), and"
                + " multi-finger fusion on chimeric persons. Writes JSON and a self-contained HTML report.",
                "Identities: FVC names FFF_I.ext (subject FFF, impression I), CASIA-Iris-Interval S1SSSENN.jpg (eye SSSE,"
                        + " impression NN), CASIA-IrisV1 EEE_S_I.jpg (eye EEE, impression 10S+I) or a CSV mapping"
                        + " file,subject[,impression]; an identity is (dataset, subject)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "2:bad input or options (the message says which)"})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--modality", defaultValue = "finger", paramLabel = "finger|iris|finger+iris",
            description = "What the images show: fingerprints (default) or near-infrared eye images (an identity is"
                    + " one eye); finger+iris: --input/--mapping give fingers, --iris-input/--iris-mapping eyes, and"
                    + " chimeric persons of n fingers and 2 eyes are measured too.")
    private String modality;

    @Option(names = {"-i", "--input"}, paramLabel = "DIR",
            description = "Folder of images named the FVC way (101_3.tif) or as CASIA-Iris-Interval (S1001L03.jpg)"
                    + " or CASIA-IrisV1 (001_2_3.jpg); repeat for several datasets.")
    private List<Path> inputs = new ArrayList<>();

    @Option(names = {"-m", "--mapping"}, paramLabel = "CSV",
            description = "CSV file,subject[,impression] (files relative to the CSV); one dataset per file; repeatable.")
    private List<Path> mappings = new ArrayList<>();

    @Option(names = "--iris-input", paramLabel = "DIR",
            description = "With --modality finger+iris: a folder of eye images (CASIA names); repeatable.")
    private List<Path> irisInputs = new ArrayList<>();

    @Option(names = "--iris-mapping", paramLabel = "CSV",
            description = "With --modality finger+iris: a CSV file,eye[,impression] of eye images; repeatable.")
    private List<Path> irisMappings = new ArrayList<>();

    @Option(names = "--dpi", defaultValue = "500", description = "Resolution of the images (default: ${DEFAULT-VALUE}).")
    private int dpi;

    @Option(names = "--folder-dpi", paramLabel = "LABEL=DPI",
            description = "Resolution of one dataset (label = folder or CSV name), e.g. fvc2002-db2b=569.")
    private Map<String, Integer> folderDpi = new LinkedHashMap<>();

    @Option(names = "--same-subjects", paramLabel = "LABEL,LABEL",
            description = "Datasets whose subject ids name the same fingers (captured on several sensors), e.g."
                    + " fvc2000-db1b,fvc2000-db2b; repeatable.")
    private List<String> sameSubjects = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "42", description = "Seeds every random choice (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--max-impostors", defaultValue = "1000000", paramLabel = "N",
            description = "Compare a random sample of N impostor pairs when there are more (default: ${DEFAULT-VALUE}).")
    private long maxImpostors;

    @Option(names = "--enrolled-fraction", defaultValue = "0.5", paramLabel = "F",
            description = "Share of identities enrolled in an open-set gallery; the rest are non-mated (default: ${DEFAULT-VALUE}).")
    private double enrolledFraction;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "Open-set gallery splits for single impressions (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--chimeric-rounds", defaultValue = "100", paramLabel = "N",
            description = "Random chimeric-person assignments per fusion level (default: ${DEFAULT-VALUE}).")
    private int chimericRounds;

    @Option(names = "--fusion-levels", defaultValue = "1,2,4,10", split = ",", paramLabel = "N",
            description = "Fingers per chimeric person (default: ${DEFAULT-VALUE}).")
    private List<Integer> fusionLevels;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", paramLabel = "FILE", description = "Write every figure as JSON here.")
    private Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report (DET curves, histograms) here.")
    private Path html;

    /** Runs {@code evaluate} on its own: {@code java -cp satunik.jar id.satunik.cli.EvaluateCommand …}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean multimodal = modality.equalsIgnoreCase("finger+iris");
        checkOptions(multimodal);
        List<List<String>> groups = sameSubjects.stream()
                .map(g -> Arrays.stream(g.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList())
                .toList();
        EvaluationSettings settings = new EvaluationSettings(inputs, mappings, dpi, folderDpi, groups, seed, maxImpostors,
                enrolledFraction, rounds, chimericRounds, fusionLevels, threads);
        try {
            ObjectNode report = multimodal
                    ? AccuracyEvaluation.evaluateFingersAndIrises(settings, new EvaluationSettings(irisInputs, irisMappings,
                    dpi, Map.of(), List.of(), seed, maxImpostors, enrolledFraction, rounds, chimericRounds, List.of(1, 2),
                    threads), out)
                    : AccuracyEvaluation.evaluate(modality, settings, out);
            if (json != null) {
                write(json, AccuracyEvaluation.json(report));
            }
            if (html != null) {
                write(html, AccuracyEvaluation.html(report));
            }
            AccuracyEvaluation.printSummary(report, out);
            return 0;
        } catch (InvalidInputException e) {
            err.println("satunik evaluate: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("satunik evaluate: cannot write the report: " + e.getMessage());
            return 2;
        }
    }

    private void checkOptions(boolean multimodal) {
        CommandLine cl = spec.commandLine();
        if (!AccuracyEvaluation.MODALITIES.contains(modality.toLowerCase(Locale.ROOT))
                && !modality.equalsIgnoreCase("fingerprint")) {
            throw new ParameterException(cl, "--modality must be finger, iris or finger+iris, not " + modality);
        }
        if (multimodal && irisInputs.isEmpty() && irisMappings.isEmpty()) {
            throw new ParameterException(cl, "--modality finger+iris needs eye images: --iris-input DIR or --iris-mapping CSV");
        }
        if (!multimodal && !(irisInputs.isEmpty() && irisMappings.isEmpty())) {
            throw new ParameterException(cl, "--iris-input and --iris-mapping go with --modality finger+iris; for irises"
                    + " alone use --modality iris --input");
        }
        if (inputs.isEmpty() && mappings.isEmpty()) {
            throw new ParameterException(cl, "give at least one --input DIR or --mapping CSV");
        }
        if (dpi < 250 || dpi > 2000 || folderDpi.values().stream().anyMatch(d -> d < 250 || d > 2000)) {
            throw new ParameterException(cl, "dpi must be within 250-2000");
        }
        if (!(enrolledFraction > 0 && enrolledFraction < 1)) {
            throw new ParameterException(cl, "--enrolled-fraction must be between 0 and 1 (exclusive)");
        }
        if (rounds < 1 || chimericRounds < 0 || maxImpostors < 0 || threads < 1) {
            throw new ParameterException(cl, "--rounds and --threads must be at least 1, --chimeric-rounds and"
                    + " --max-impostors at least 0");
        }
        if (fusionLevels.stream().anyMatch(n -> n < 1)) {
            throw new ParameterException(cl, "--fusion-levels must be positive");
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
