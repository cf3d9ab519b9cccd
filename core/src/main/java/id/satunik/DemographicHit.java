package id.satunik;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One enrolled person found by a {@link DemographicQuery}, with the demographics as enrolled.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param nik       the person's NIK
 * @param name      as enrolled, may be null
 * @param birthDate as enrolled, may be null
 * @param sex       as enrolled, may be null
 * @param region    as enrolled, may be null
 * @param score     Lucene's relevance score (BM25 over the normalised name words, plus the birth-date and region
 *                  agreement): higher is more alike. It orders the hits of one search; it is no probability and
 *                  not comparable between searches, since rare names weigh more than common ones.
 */
public record DemographicHit(Nik nik, String name, LocalDate birthDate, Sex sex, String region, double score) {
    public DemographicHit {
        Objects.requireNonNull(nik, "nik");
    }
}
