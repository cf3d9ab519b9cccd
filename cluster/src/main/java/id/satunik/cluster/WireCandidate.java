package id.satunik.cluster;

import id.satunik.Candidate;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A {@link Candidate} as it travels from a member to the coordinator: every score exactly (no rounding, so the
 * coordinator's reduce ranks as the single-node engine does), NaN for a finger or eye not compared. Immutable.
 */
record WireCandidate(String nik, double score, double[] fingers, double[] eyes) implements Serializable {

    static WireCandidate of(Candidate c) {
        double[] fingers = new double[FingerPosition.values().length];
        Arrays.fill(fingers, Double.NaN);
        c.fingerScores().forEach((p, s) -> fingers[p.ordinal()] = s);
        double[] eyes = new double[EyePosition.values().length];
        Arrays.fill(eyes, Double.NaN);
        c.irisScores().forEach((e, s) -> eyes[e.ordinal()] = s);
        return new WireCandidate(c.nik().value(), c.score(), fingers, eyes);
    }

    Candidate candidate() {
        Map<FingerPosition, Double> f = new EnumMap<>(FingerPosition.class);
        for (FingerPosition p : FingerPosition.values()) {
            if (!Double.isNaN(fingers[p.ordinal()])) {
                f.put(p, fingers[p.ordinal()]);
            }
        }
        Map<EyePosition, Double> e = new EnumMap<>(EyePosition.class);
        for (EyePosition p : EyePosition.values()) {
            if (!Double.isNaN(eyes[p.ordinal()])) {
                e.put(p, eyes[p.ordinal()]);
            }
        }
        return new Candidate(Nik.parse(nik), score, f, e);
    }
}
