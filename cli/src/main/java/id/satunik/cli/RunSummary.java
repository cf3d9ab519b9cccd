package id.satunik.cli;

import id.satunik.DedupDecision;
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
 * </pre>
 * Not thread-safe: fed from the one thread that receives decisions.
 */
final class RunSummary {
    private final Map<DedupDecision.Kind, Long> counts = new EnumMap<>(DedupDecision.Kind.class);
    private final long startNanos = System.nanoTime();
    private final long startComparisons;

    RunSummary(long startComparisons) {
        this.startComparisons = startComparisons;
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

    void print(PrintWriter err, String command, long endComparisons) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long comparisons = endComparisons - startComparisons;
        err.printf(Locale.ROOT, "%s: %,d records in %.1f s (%,.1f records/s, %,.0f comparisons/s; %,d comparisons)%n",
                command, total(), seconds, total() / seconds, comparisons / seconds, comparisons);
        err.println("  " + counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("  ")));
        err.flush();
    }
}
