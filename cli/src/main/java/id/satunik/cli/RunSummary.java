package id.satunik.cli;

import id.satunik.DedupDecision;
import id.satunik.SearchStatistics;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Counts decisions and times the run; prints the closing summary:
 * <pre>
 * dedup: 18 records in 3.2 s (5.6 records/s, 41 comparisons/s)
 *   ENROLLED 4  DUPLICATE 2  ALREADY_ENROLLED 2  NIK_CONFLICT 1  REJECTED 9
 *   time: extraction 5.1 s (all threads), search 0.4 s (9 searches), decision 0.1 s; 1,234 index entries read,
 *   12 persons compared in full (SourceAFIS / iris)
 * </pre>
 * Not thread-safe: fed from the one thread that receives decisions.
 */
final class RunSummary {
    private final Map<DedupDecision.Kind, Long> counts = new EnumMap<>(DedupDecision.Kind.class);
    private final long startNanos = System.nanoTime();
    private final long startComparisons;
    private final SearchStatistics start;

    RunSummary(long startComparisons, SearchStatistics start) {
        this.startComparisons = startComparisons;
        this.start = start;
        for (DedupDecision.Kind kind : DedupDecision.Kind.values()) {
            counts.put(kind, 0L);
        }
    }

    void record(DedupDecision decision) {
        counts.merge(decision.kind(), 1L, Long::sum);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    long count(DedupDecision.Kind kind) {
        return counts.get(kind);
    }

    void print(PrintWriter err, String command, long endComparisons, SearchStatistics end) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long comparisons = endComparisons - startComparisons;
        err.printf(Locale.ROOT, "%s: %,d records in %.1f s (%,.1f records/s, %,.0f comparisons/s; %,d comparisons)%n",
                command, total(), seconds, total() / seconds, comparisons / seconds, comparisons);
        err.println("  " + counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("  ")));
        printTimes(err, start, end);
        err.flush();
    }

    /** The split of an engine's time between two statistics snapshots. */
    static void printTimes(PrintWriter err, SearchStatistics start, SearchStatistics end) {
        err.printf(Locale.ROOT, "  time: extraction %.2f s (all threads), search %.3f s (%,d searches), decision %.3f s;"
                        + " %,d index entries read, %,d persons compared in full (%,d SourceAFIS comparisons)%n",
                (end.extractionNanos() - start.extractionNanos()) / 1e9, (end.searchNanos() - start.searchNanos()) / 1e9,
                end.searches() - start.searches(), (end.decisionNanos() - start.decisionNanos()) / 1e9,
                end.indexEntries() - start.indexEntries(), end.personsRescored() - start.personsRescored(),
                end.fingerComparisons() - start.fingerComparisons());
    }
}
