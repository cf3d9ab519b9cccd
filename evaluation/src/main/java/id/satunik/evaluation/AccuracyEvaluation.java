package id.satunik.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The accuracy evaluation's public entry: measures FMR/FNMR, EER, FNMR at fixed FMR, failure to enroll, ISO/IEC
 * 19795-1 open-set FNIR/FPIR and the gain of fusion on chimeric persons, on the caller's own images, and renders
 * the figures as JSON, a self-contained HTML page and a console summary. Results depend only on the images and
 * the seed. The {@code satunik evaluate} command is a thin shell around this class.
 *
 * <p>Thread-safe: stateless; each call runs its own evaluation (parallel inside).
 */
public final class AccuracyEvaluation {
    /** The modalities {@link #evaluate} accepts. */
    public static final List<String> MODALITIES = List.of("finger", "iris", "finger+iris");

    private AccuracyEvaluation() {
    }

    /**
     * Evaluates one modality, {@code finger} or {@code iris}.
     *
     * @param progress receives a line per stage
     * @throws IllegalArgumentException for another modality
     * @throws id.satunik.InvalidInputException when the input cannot be read (the message names the file)
     */
    public static ObjectNode evaluate(String modality, EvaluationSettings settings, PrintWriter progress) {
        Modality<?> chosen = switch (modality.toLowerCase(Locale.ROOT)) {
            case "finger", "fingerprint" -> new FingerprintModality();
            case "iris" -> new IrisModality();
            default -> throw new IllegalArgumentException("modality must be finger or iris, not " + modality);
        };
        return new Evaluation(chosen, settings, progress).run();
    }

    /**
     * Evaluates fingers and irises each on their own, then chimeric persons of n fingers (the fingers' fusion
     * levels) and two eyes, every score fused on one scale.
     */
    public static ObjectNode evaluateFingersAndIrises(EvaluationSettings fingers, EvaluationSettings irises,
                                                      PrintWriter progress) {
        return new MultimodalEvaluation(fingers, irises, progress).run();
    }

    /** The report as indented JSON, ending with a newline. */
    public static String json(JsonNode report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * The self-contained HTML page (DET curves, histograms; nothing fetched when viewed) of a report: one
     * modality, or finger+iris (each modality's figures, then the fused persons).
     */
    public static String html(JsonNode report) {
        return HtmlReport.render(report);
    }

    /** The headline figures on the console; everything else is in the JSON and HTML. */
    public static void printSummary(JsonNode report, PrintWriter out) {
        if (report.has("multimodal")) {
            out.println("fingers:");
            summary(out, report.path("finger"));
            out.println("irises:");
            summary(out, report.path("iris"));
            for (JsonNode level : report.path("multimodal").path("levels")) {
                out.printf(Locale.ROOT, "1:N %2d fingers + %d eyes fused, gallery %d: %s%n", level.path("fingers").asInt(),
                        level.path("eyes").asInt(), level.path("identification").path("gallerySizeMax").asInt(),
                        fnir(level.path("identification")));
            }
            out.flush();
        } else {
            summary(out, report);
        }
    }

    private static void summary(PrintWriter out, JsonNode report) {
        JsonNode v = report.path("verification");
        out.printf(Locale.ROOT, "failure to enroll: %s (%d of %d)%n", HtmlReport.pct(report.path("enrolment").path("failureToEnrollRate")),
                report.path("enrolment").path("refused").asLong(), report.path("enrolment").path("attempted").asLong());
        out.printf(Locale.ROOT, "%-22s %8s %8s %9s %15s %10s %10s%n", "1:1", "genuine", "impostor", "EER",
                "FNMR@FMR0.1%", "FMR@40", "FNMR@40");
        List<JsonNode> rows = new ArrayList<>();
        v.path("byDataset").forEach(rows::add);
        rows.add(v.path("pooled"));
        for (JsonNode row : rows) {
            JsonNode at = row.path("fnmrAtFmr").path(1);
            out.printf(Locale.ROOT, "%-22s %8d %8d %9s %15s %10s %10s%n", row.path("scope").asText(),
                    row.path("genuineComparisons").asLong(), row.path("impostorComparisons").asLong(),
                    HtmlReport.pct(row.path("eer").path("value")),
                    at.path("resolvable").asBoolean() ? HtmlReport.pct(at.path("fnmr")) : "n/r",
                    HtmlReport.pct(row.path("atRecommendedThreshold").path("fmr")),
                    HtmlReport.pct(row.path("atRecommendedThreshold").path("fnmr")));
        }
        JsonNode id = report.path("identification");
        if (!id.has("skipped")) {
            out.printf(Locale.ROOT, "1:N single impression, gallery %d: %s%n", id.path("gallerySizeMax").asInt(), fnir(id));
        }
        for (JsonNode level : report.path("fusion").path("levels")) {
            out.printf(Locale.ROOT, "1:N %2d fused, gallery %d: %s%n", level.path("positions").asInt(),
                    level.path("identification").path("gallerySizeMax").asInt(), fnir(level.path("identification")));
        }
        out.flush();
    }

    private static String fnir(JsonNode id) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d mated / %d non-mated searches",
                id.path("matedSearches").asLong(), id.path("nonMatedSearches").asLong()));
        for (JsonNode t : id.path("fnirAtFpir")) {
            text.append(String.format(Locale.ROOT, ", FNIR@FPIR%s %s", HtmlReport.pct(t.path("fpir")),
                    t.path("resolvable").asBoolean() ? HtmlReport.pct(t.path("fnir")) : "n/r"));
        }
        return text.toString();
    }
}
