package id.satunik.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.satunik.Candidate;
import id.satunik.DemographicHit;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.EyeQuality;
import id.satunik.FingerQuality;
import java.util.List;
import java.util.Map;

/**
 * The one JSON configuration of the CLI. Strict on input: a key given twice or text after the object is an
 * error, not silently the last value. ObjectMapper is thread-safe once configured.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Scores to one decimal, as in the decisions' reasons: more digits suggest a precision the scale lacks. */
    static double round(double score) {
        return Math.round(score * 10) / 10.0;
    }

    /** A person found by demographic search; the Lucene score to two decimals (its values are small). */
    static ObjectNode lookAlike(DemographicHit hit) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("nik", hit.nik().value());
        node.put("name", hit.name());
        node.put("birthDate", hit.birthDate() == null ? null : hit.birthDate().toString());
        node.put("sex", hit.sex() == null ? null : hit.sex().code());
        node.put("region", hit.region());
        node.put("score", Math.round(hit.score() * 100) / 100.0);
        return node;
    }

    static ObjectNode candidate(Candidate candidate) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("nik", candidate.nik().value());
        node.put("score", round(candidate.score()));
        ObjectNode fingers = node.putObject("fingers");
        for (Map.Entry<FingerPosition, Double> entry : candidate.fingerScores().entrySet()) {
            fingers.put(entry.getKey().name(), round(entry.getValue()));
        }
        // per-eye scores, on the fingers' scale, when both persons carry irises
        if (!candidate.irisScores().isEmpty()) {
            ObjectNode irises = node.putObject("irises");
            for (Map.Entry<EyePosition, Double> entry : candidate.irisScores().entrySet()) {
                irises.put(entry.getKey().name(), round(entry.getValue()));
            }
        }
        return node;
    }

    /**
     * Each finger's quality keyed by position: {@code {"RIGHT_THUMB":{"score":71.3,"ridgeArea":0.42,
     * "coherence":0.61,"minutiae":38,"reliableMinutiae":0.74}}} (fractions to two decimals; a part that could not
     * be measured, as the image parts of a submitted minutia template, is left out).
     */
    static ObjectNode fingerQuality(List<FingerQuality> quality) {
        ObjectNode node = MAPPER.createObjectNode();
        for (FingerQuality finger : quality) {
            ObjectNode one = node.putObject(finger.position().name());
            one.put("score", round(finger.score()));
            putFraction(one, "ridgeArea", finger.ridgeArea());
            putFraction(one, "coherence", finger.coherence());
            one.put("minutiae", finger.minutiae());
            putFraction(one, "reliableMinutiae", finger.reliableMinutiae());
        }
        return node;
    }

    /**
     * Each eye's quality keyed by position: {@code {"RIGHT":{"score":78.4,"usableArea":0.91,"irisPupilRatio":0.41,
     * "pupilContrast":0.44,"irisContrast":0.62,"sharpness":0.0083,"concentricity":0.05,"margin":1.0}}} (see
     * {@link EyeQuality}; fractions to two decimals, sharpness to four).
     */
    static ObjectNode irisQuality(List<EyeQuality> quality) {
        ObjectNode node = MAPPER.createObjectNode();
        for (EyeQuality eye : quality) {
            ObjectNode one = node.putObject(eye.position().name());
            one.put("score", round(eye.score()));
            putFraction(one, "usableArea", eye.usableArea());
            putFraction(one, "irisPupilRatio", eye.irisPupilRatio());
            putFraction(one, "pupilContrast", eye.pupilContrast());
            putFraction(one, "irisContrast", eye.irisContrast());
            if (!Double.isNaN(eye.sharpness())) {
                one.put("sharpness", Math.round(eye.sharpness() * 10_000) / 10_000.0);
            }
            putFraction(one, "concentricity", eye.concentricity());
            putFraction(one, "margin", eye.margin());
        }
        return node;
    }

    private static void putFraction(ObjectNode node, String name, double value) {
        if (!Double.isNaN(value)) {
            node.put(name, Math.round(value * 100) / 100.0);
        }
    }
}
