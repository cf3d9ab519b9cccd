package id.satunik;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One enrolled person returned by a 1:N search, with the fused person score and the score of every finger
 * position compared. Scores follow SourceAFIS's scale (about -10·log10 of the false match rate: 40 ≈ 0.01%).
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param nik          the enrolled person's NIK
 * @param score        the person-level score (see the matcher's fusion rule)
 * @param fingerScores per-position scores of the fingers both persons carry
 */
public record Candidate(Nik nik, double score, Map<FingerPosition, Double> fingerScores) {

    /** Best first; ties broken by NIK so that rankings never depend on thread scheduling. */
    public static final Comparator<Candidate> RANKING =
            Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::nik);

    public Candidate {
        Objects.requireNonNull(nik, "nik");
        fingerScores = fingerScores == null || fingerScores.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fingerScores));
    }
}
