package id.satunik.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.satunik.Candidate;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.SearchStatistics;
import java.io.PrintWriter;
import java.util.Locale;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.EyeQuality;
import id.satunik.FingerQuality;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.IrisExtractor;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code satunik identify}: 1:N search, candidates as JSON on stdout. Changes nothing in the store. One instance
 * per invocation; not shared between threads.
 */
@Command(name = "identify", sortOptions = false,
        description = {"Searches the store for the persons whose biometrics match a record; changes nothing.",
                "Prints the ranked candidates as JSON: nik, person score, per-finger and per-eye scores, match (score >= threshold),"
                        + " and the probe fingers' and eyes' quality (fingerQuality, irisQuality; an eye left out"
                        + " of the search is listed under irisRefused with the reason)."})
final class IdentifyCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "RECORD.json",
            description = "One record in manifest format (the NIK may be left out).")
    Path recordFile;

    @Option(names = "--finger", paramLabel = "POSITION=IMAGE",
            description = "A fingerprint instead of a record file, e.g. --finger RIGHT_THUMB=101_1.tif (repeatable).")
    Map<String, Path> fingers;

    @Option(names = "--iris", paramLabel = "EYE=IMAGE",
            description = "A near-infrared eye image, e.g. --iris RIGHT=eye-r.jpg --iris LEFT=eye-l.jpg (repeatable; "
                    + "with or without --finger).")
    Map<String, Path> irises;

    @Option(names = "--dpi", defaultValue = "500", description = "Resolution of the --finger images. Default: ${DEFAULT-VALUE}.")
    int dpi;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "Candidates to return at most. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        EnrollmentRecord probe = probe();
        store.requireExisting();
        List<Candidate> candidates;
        double threshold;
        EngineOptions options;
        try {
            options = store.engineOptions().withCandidateLimit(limit);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        try (DedupEngine engine = StoreOptions.open(options)) {
            SearchStatistics before = engine.statistics();
            long start = System.nanoTime();
            candidates = engine.identify(probe);
            threshold = engine.threshold();
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "identify: %.3f s against %,d persons%n", (System.nanoTime() - start) / 1e9,
                    engine.stats().persons());
            RunSummary.printTimes(err, before, engine.statistics());
            err.flush();
        } catch (InvalidInputException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("threshold", threshold);
        ArrayNode list = result.putArray("candidates");
        for (Candidate candidate : candidates) {
            list.add(Json.candidate(candidate).put("match", candidate.score() >= threshold));
        }
        List<FingerQuality> quality = probeQuality(probe);
        if (!quality.isEmpty()) {
            result.set("fingerQuality", Json.fingerQuality(quality));
        }
        eyeQuality(probe, options.minIrisQuality(), result);
        spec.commandLine().getOut().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * The probe fingers' quality, as a dedup decision reports it (measured again here, after the search: identify
     * returns candidates only; a finger the search left out as unusable is left out here too).
     */
    private static List<FingerQuality> probeQuality(EnrollmentRecord probe) {
        FingerprintExtractor extractor = new FingerprintExtractor();
        List<FingerQuality> quality = new java.util.ArrayList<>();
        for (Map.Entry<FingerPosition, ImageSource> finger : new java.util.TreeMap<>(probe.fingers()).entrySet()) {
            try {
                quality.add(extractor.quality(finger.getKey() + " image " + finger.getValue().name(),
                        finger.getValue(), probe.dpi()).report(finger.getKey()));
            } catch (RuntimeException unusable) {
                // left out of the search as well
            }
        }
        return quality;
    }

    /**
     * The probe eyes' quality as a dedup decision reports it ("irisQuality"), and the reason of each eye the search
     * left out ("irisRefused": unusable, or below --min-iris-quality); measured again here, as for the fingers.
     */
    private static void eyeQuality(EnrollmentRecord probe, double minQuality, ObjectNode result) {
        IrisExtractor extractor = new IrisExtractor(minQuality);
        List<EyeQuality> quality = new java.util.ArrayList<>();
        ObjectNode refused = Json.MAPPER.createObjectNode();
        for (Map.Entry<EyePosition, ImageSource> eye : new java.util.TreeMap<>(probe.irises()).entrySet()) {
            try {
                EyeQuality measured = extractor.extract(eye.getKey(), eye.getValue()).quality().forEye(eye.getKey());
                if (measured != null) {
                    quality.add(measured);
                }
            } catch (RuntimeException unusable) {
                refused.put(eye.getKey().name(), unusable.getMessage());
            }
        }
        if (!quality.isEmpty()) {
            result.set("irisQuality", Json.irisQuality(quality));
        }
        if (!refused.isEmpty()) {
            result.set("irisRefused", refused);
        }
    }

    private EnrollmentRecord probe() {
        boolean hasFingers = fingers != null && !fingers.isEmpty();
        boolean hasIrises = irises != null && !irises.isEmpty();
        if ((recordFile == null) == !(hasFingers || hasIrises)) {
            throw new CliFailure("give either RECORD.json or --finger POSITION=IMAGE / --iris EYE=IMAGE options");
        }
        if (hasFingers || hasIrises) {
            EnrollmentRecord.Builder builder = EnrollmentRecord.builder(null).dpi(dpi);
            if (hasFingers) {
                try {
                    fingers.forEach((position, image) ->
                            builder.finger(FingerPosition.parse(position), ImageSource.of(image)));
                } catch (InvalidInputException e) {
                    throw new CliFailure("--finger: " + e.getMessage(), e);
                }
            }
            if (hasIrises) {
                try {
                    irises.forEach((eye, image) -> builder.iris(EyePosition.parse(eye), ImageSource.of(image)));
                } catch (InvalidInputException e) {
                    throw new CliFailure("--iris: " + e.getMessage(), e);
                }
            }
            return builder.build();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(Files.readString(recordFile));
        } catch (JsonProcessingException e) {
            throw new CliFailure("record " + recordFile + " is not valid JSON: " + ManifestReader.jsonProblem(e), e);
        } catch (IOException e) {
            throw new CliFailure("cannot read record " + recordFile + ": " + Problems.describe(e), e);
        }
        EnrollmentRecord record;
        try {
            record = new RecordParser(RecordParser.folderOf(recordFile)).parse(node, false);
        } catch (ManifestException e) {
            throw new CliFailure("record " + recordFile + ": " + e.getMessage(), e);
        }
        return record;
    }
}
