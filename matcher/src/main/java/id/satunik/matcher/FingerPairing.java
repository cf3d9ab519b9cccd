package id.satunik.matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import com.machinezoo.sourceafis.FingerprintTransparency;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which minutiae SourceAFIS paired when it compared two fingers, for a person who must check a match: the
 * comparison is run again with SourceAFIS's transparency API listening to its "best-pairing" record (the pairing
 * tree of the root pair that gave the score). Minutia indices refer to {@link FingerMinutiae} of the same
 * serialized templates (SourceAFIS keeps its minutiae in one deterministic order).
 *
 * <p>Immutable; thread-safe. {@link #explain} is safe to call from several threads (transparency is per thread).
 *
 * @param score     the similarity score, as the engine computes it (probe against candidate)
 * @param probe     the probe template's minutiae
 * @param candidate the candidate template's minutiae
 * @param pairs     the paired minutiae, the root pair first
 * @param probeSize     the probe template's image size in pixels at 500 dpi
 * @param candidateSize the candidate template's image size in pixels at 500 dpi (a canvas for its minutiae when
 *                      no image of it is at hand)
 */
public record FingerPairing(double score, FingerMinutiae probe, FingerMinutiae candidate, List<Pair> pairs,
                            Size probeSize, Size candidateSize) {
    private static final CBORMapper CBOR = new CBORMapper();

    /** One minutia of the probe paired with one of the candidate. */
    public record Pair(int probe, int candidate) {
    }

    /** Width and height in pixels at 500 dpi (SourceAFIS scales every image to 500 dpi). */
    public record Size(int width, int height) {
    }

    public FingerPairing {
        Objects.requireNonNull(probe);
        Objects.requireNonNull(candidate);
        pairs = List.copyOf(pairs);
    }

    /**
     * Compares two serialized SourceAFIS templates and records the pairing behind the score.
     *
     * @throws IllegalArgumentException when a template cannot be read
     */
    public static FingerPairing explain(byte[] probeTemplate, byte[] candidateTemplate) {
        FingerprintTemplate probe = new FingerprintTemplate(probeTemplate);
        FingerprintTemplate candidate = new FingerprintTemplate(candidateTemplate);
        BestPairing listener = new BestPairing();
        double score;
        // the transparency object is the current one for this thread until closed
        try (listener) {
            score = new FingerprintMatcher(probe).match(candidate);
        }
        return new FingerPairing(score, FingerMinutiae.parse(probeTemplate), FingerMinutiae.parse(candidateTemplate),
                listener.pairs(), sizeOf(probeTemplate), sizeOf(candidateTemplate));
    }

    private static Size sizeOf(byte[] template) {
        try {
            JsonNode root = CBOR.readTree(template);
            return new Size(root.path("width").asInt(), root.path("height").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable SourceAFIS template", e);
        }
    }

    /** Listens to the one record of the best root's pairing; ignores the rest (cheap: no support edges kept). */
    private static final class BestPairing extends FingerprintTransparency {
        private byte[] data;

        @Override
        public boolean accepts(String key) {
            return "best-pairing".equals(key);
        }

        @Override
        public void take(String key, String mime, byte[] bytes) {
            if ("best-pairing".equals(key)) {
                data = bytes;
            }
        }

        /** Root pair, then the pair each tree edge reaches (SourceAFIS's ConsistentPairingGraph layout). */
        List<Pair> pairs() {
            if (data == null) {
                return List.of(); // no root pair at all: nothing was paired
            }
            try {
                JsonNode graph = CBOR.readTree(data);
                List<Pair> pairs = new ArrayList<>();
                JsonNode root = graph.path("root");
                pairs.add(new Pair(root.path("probe").asInt(), root.path("candidate").asInt()));
                for (JsonNode edge : graph.path("tree")) {
                    pairs.add(new Pair(edge.path("probeTo").asInt(), edge.path("candidateTo").asInt()));
                }
                return pairs;
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable SourceAFIS pairing record", e);
            }
        }
    }
}
