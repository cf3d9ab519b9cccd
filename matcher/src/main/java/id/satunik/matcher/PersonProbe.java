package id.satunik.matcher;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.FingerPosition;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A search record's fingers, indexed once for fast 1:N comparison (SourceAFIS {@link FingerprintMatcher}), and the
 * person-against-person rule: fingers of the same position are compared, and the scores are fused by
 * {@link ScoreFusion}: the fingerprint part of {@link MatchRule}.
 *
 * <p>Thread-safe: {@link #score} may be called from many threads at once (SourceAFIS matchers are thread-safe
 * and this class holds no mutable state).
 */
public final class PersonProbe {
    private static final int POSITIONS = FingerPosition.values().length;
    private final FingerprintMatcher[] matchers = new FingerprintMatcher[POSITIONS];
    private final int count;

    public PersonProbe(Collection<FingerTemplate> templates) {
        this(templates.stream().map(PreparedFinger::of).toList());
    }

    /** From fingers already parsed (no template is deserialized again). */
    public PersonProbe(List<PreparedFinger> fingers) {
        int n = 0;
        for (PreparedFinger finger : fingers) {
            matchers[finger.position().ordinal()] = new FingerprintMatcher(finger.template());
            n++;
        }
        this.count = n;
    }

    /** Whether the probe carries the finger at {@code position}. */
    public boolean has(FingerPosition position) {
        return matchers[position.ordinal()] != null;
    }

    /** Number of fingers in the probe. */
    public int count() {
        return count;
    }

    /**
     * Compares this probe with one enrolled person.
     *
     * @param fingerScores receives the score of every position, NaN where the two do not share the position;
     *                     length {@code FingerPosition.values().length}
     * @return the fused person score, 0 when no position is shared
     */
    public double score(PersonFingerprints candidate, double[] fingerScores) {
        Arrays.fill(fingerScores, Double.NaN);
        for (int i = 0; i < POSITIONS; i++) {
            FingerprintMatcher matcher = matchers[i];
            FingerprintTemplate template = candidate.at(i);
            if (matcher != null && template != null) {
                fingerScores[i] = MatchRule.finger(matcher, template);
            }
        }
        return MatchRule.fuse(fingerScores);
    }
}
