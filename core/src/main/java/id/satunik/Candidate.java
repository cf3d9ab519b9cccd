package id.satunik;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One enrolled person returned by a 1:N search, with the fused person score and the score of every finger
 * position and every eye compared. Scores follow SourceAFIS's scale (about -10·log10 of the false match rate:
 * 40 ≈ 0.01%); iris scores are calibrated to the same scale, so all modalities fuse under one threshold.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param nik          the enrolled person's NIK
 * @param score        the person-level score, all modalities fused (see the matcher's fusion rule)
 * @param fingerScores per-position scores of the fingers both persons carry
 * @param irisScores   per-eye scores of the eyes both persons carry
 */
public record Candidate(Nik nik, double score, Map<FingerPosition, Double> fingerScores,
                        Map<EyePosition, Double> irisScores) {

    /** Best first; ties broken by NIK so that rankings never depend on thread scheduling. */
    public static final Comparator<Candidate> RANKING =
            Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::nik);

    public Candidate {
        Objects.requireNonNull(nik, "nik");
        fingerScores = fingerScores == null || fingerScores.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fingerScores));
        irisScores = irisScores == null || irisScores.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(irisScores));
    }

    /** A candidate compared on fingers only. */
    public Candidate(Nik nik, double score, Map<FingerPosition, Double> fingerScores) {
        this(nik, score, fingerScores, Map.of());
    }
}
