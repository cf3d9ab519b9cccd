package id.satunik;

/**
 * Where an engine's time went since it was opened, for run summaries and capacity planning: extraction (decoding
 * and template extraction, on all worker threads together), search (candidate sources and rescoring) and the rest
 * of the decision, and how much of the gallery the searches touched.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param extractionNanos   time spent extracting, summed over threads
 * @param searchNanos       time spent in 1:N searches (wall time of each search)
 * @param decisionNanos     time spent deciding and enrolling, searches excluded
 * @param searches          1:N searches run
 * @param indexEntries      gallery entries the candidate sources read (fingers in the compact index, eyes scanned,
 *                          or persons compared by the exhaustive search)
 * @param personsRescored   persons that reached the full comparison (SourceAFIS and the iris matcher)
 * @param fingerComparisons SourceAFIS finger comparisons made in rescoring
 */
public record SearchStatistics(long extractionNanos, long searchNanos, long decisionNanos, long searches,
                               long indexEntries, long personsRescored, long fingerComparisons) {
}
