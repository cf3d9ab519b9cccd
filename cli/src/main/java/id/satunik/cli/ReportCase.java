package id.satunik.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;

/**
 * One decision of a dedup report that names enrolled persons (a DUPLICATE, a NIK_CONFLICT, an ALREADY_ENROLLED),
 * as read back from its JSON line: what an operator adjudicates.
 *
 * <p>Immutable; thread-safe.
 *
 * @param line       the manifest line of the submitted record
 * @param nik        the NIK as submitted (may be null on a malformed record)
 * @param decision   the decision's kind as written (DUPLICATE, NIK_CONFLICT, ...)
 * @param candidates the person enrolled under the NIK (when the report names one) first, then the matches
 * @param reason     the decision's reason
 * @param threshold  the person-score threshold of the decision, NaN when the report has none
 */
record ReportCase(int line, String nik, String decision, List<ReportCandidate> candidates, String reason,
                  double threshold) {
    ReportCase {
        candidates = List.copyOf(candidates);
    }

    /**
     * An enrolled person the decision names, with the scores the engine gave.
     *
     * @param holder true for the person enrolled under the submitted NIK (NIK_CONFLICT, ALREADY_ENROLLED)
     */
    record ReportCandidate(String nik, double score, boolean holder, Map<FingerPosition, Double> fingers,
                           Map<EyePosition, Double> irises) {
        ReportCandidate {
            fingers = fingers.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(fingers));
            irises = irises.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(irises));
        }
    }

    /** A report line read: a case, a decision with nobody to compare with, or why it could not be read. */
    sealed interface Read {
    }

    record Found(ReportCase value) implements Read {
    }

    /** A decision naming no enrolled person (ENROLLED, REJECTED): nothing to adjudicate. */
    record NoCandidate(int line, String nik, String decision) implements Read {
    }

    record Unreadable(String problem) implements Read {
    }

    /** @param reportLine the line's number in the report file, for the message when it cannot be read */
    static Read parse(int reportLine, String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new Unreadable("report line " + reportLine + ": malformed JSON: " + ManifestReader.jsonProblem(e));
        }
        if (node == null || !node.isObject() || !node.path("line").canConvertToInt() || !node.path("line").isIntegralNumber()
                || !node.path("decision").isTextual()) {
            return new Unreadable("report line " + reportLine + ": not a SatuNIK decision (needs \"line\" and"
                    + " \"decision\")");
        }
        int line = node.get("line").asInt();
        String nik = node.path("nik").isTextual() ? node.get("nik").asText() : null;
        String decision = node.get("decision").asText();
        List<ReportCandidate> candidates = new ArrayList<>();
        try {
            if (node.hasNonNull("holder")) {
                candidates.add(candidate(node.get("holder"), true));
            }
            for (JsonNode match : node.path("matches")) {
                candidates.add(candidate(match, false));
            }
        } catch (RuntimeException e) { // a bad candidate, an unknown finger or eye name
            return new Unreadable("report line " + reportLine + " (manifest line " + line + ", NIK " + nik + "): "
                    + Problems.message(e));
        }
        if (candidates.isEmpty()) {
            return new NoCandidate(line, nik, decision);
        }
        double threshold = node.path("threshold").isNumber() ? node.get("threshold").asDouble() : Double.NaN;
        return new Found(new ReportCase(line, nik, decision, candidates, node.path("reason").asText(""), threshold));
    }

    private static ReportCandidate candidate(JsonNode node, boolean holder) {
        if (!node.path("nik").isTextual() || !node.path("score").isNumber()) {
            throw new IllegalArgumentException("a candidate without \"nik\" or \"score\": " + node);
        }
        Map<FingerPosition, Double> fingers = new LinkedHashMap<>();
        node.path("fingers").properties().forEach(e -> fingers.put(FingerPosition.parse(e.getKey()), e.getValue().asDouble()));
        Map<EyePosition, Double> irises = new LinkedHashMap<>();
        node.path("irises").properties().forEach(e -> irises.put(EyePosition.parse(e.getKey()), e.getValue().asDouble()));
        return new ReportCandidate(node.get("nik").asText(), node.get("score").asDouble(), holder, fingers, irises);
    }
}
