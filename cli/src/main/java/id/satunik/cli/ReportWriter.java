package id.satunik.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DemographicHit;
import id.satunik.InputLimits;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes the report: one JSON line per manifest record,
 * {@code {"line":3,"nik":"…","decision":"DUPLICATE","matches":[…],"reason":"…"}}, plus {@code "holder"} (the
 * person enrolled under the NIK and its score) for ALREADY_ENROLLED and NIK_CONFLICT, {@code "lookAlikes"}
 * (enrolled persons whose name, birth date and region resemble the record's, {@code "biometricMatch":true} on the
 * matched ones, {@code "holder":true} on the NIK's holder) for DUPLICATE and NIK_CONFLICT, and
 * {@code "irisQuality"} (each used eye's quality, {@link id.satunik.EyeQuality}) when the record has eyes,
 * {@code "fingerQuality"} (each submitted finger's quality, {@link id.satunik.FingerQuality}) when the record's
 * fingers were extracted.
 *
 * <p>Not thread-safe: the batch writes from one thread at a time.
 */
final class ReportWriter implements AutoCloseable {
    private final Writer out;
    private final String name;
    private final boolean closeOut;

    /**
     * @param name     the report file, or "stdout", for messages
     * @param closeOut false for stdout, which the caller keeps
     */
    ReportWriter(Writer out, String name, boolean closeOut) {
        this.out = out;
        this.name = name;
        this.closeOut = closeOut;
    }

    static ObjectNode toJson(int line, DedupDecision decision) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("line", line);
        node.put("nik", decision.nik());
        node.put("decision", decision.kind().name());
        Candidate holder = switch (decision) {
            case DedupDecision.AlreadyEnrolled d -> d.holder();
            case DedupDecision.NikConflict d -> d.holder();
            default -> null;
        };
        if (holder != null) {
            node.set("holder", Json.candidate(holder));
        }
        ArrayNode matches = node.putArray("matches");
        decision.matches().forEach(match -> matches.add(Json.candidate(match)));
        if (decision.kind() == DedupDecision.Kind.DUPLICATE || decision.kind() == DedupDecision.Kind.NIK_CONFLICT) {
            // for the operator: who the record resembles by name and birth date, the biometric matches marked
            ArrayNode lookAlikes = node.putArray("lookAlikes");
            for (DemographicHit hit : decision.lookAlikes()) {
                ObjectNode alike = Json.lookAlike(hit);
                if (decision.matches().stream().anyMatch(m -> m.nik().equals(hit.nik()))) {
                    alike.put("biometricMatch", true);
                }
                if (holder != null && holder.nik().equals(hit.nik())) {
                    alike.put("holder", true);
                }
                lookAlikes.add(alike);
            }
        }
        node.put("reason", decision.reason());
        if (!Double.isNaN(decision.threshold())) {
            node.put("threshold", Json.round(decision.threshold()));
        }
        if (!decision.fingerQuality().isEmpty()) {
            node.set("fingerQuality", Json.fingerQuality(decision.fingerQuality()));
        }
        if (!decision.irisQuality().isEmpty()) {
            node.set("irisQuality", Json.irisQuality(decision.irisQuality()));
        }
        return node;
    }

    /** @throws CliFailure when the report cannot be written (disk full, closed pipe): the run cannot go on */
    void write(int line, DedupDecision decision) {
        try {
            // A text that is not valid Unicode (an unpaired surrogate from a \\ud800 escape) must not stop
            // the report half-way through a line: it is written as U+FFFD. Each line is flushed whole, so the
            // report is complete up to the last decision even when the process is killed.
            out.write(InputLimits.withoutLoneSurrogates(Json.MAPPER.writeValueAsString(toJson(line, decision))) + '\n');
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private CliFailure failure(IOException e) {
        return new CliFailure("cannot write report " + name + ": " + Problems.describe(e), e);
    }

    @Override
    public void close() {
        try {
            if (closeOut) {
                out.close();
            } else {
                out.flush();
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }
}
