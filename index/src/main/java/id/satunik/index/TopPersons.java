package id.satunik.index;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The best {@code limit} persons of a ranking slice by score, then NIK: one total order, so that merging slices
 * in any order gives the same list (Lucene's top-docs collector, reduced the same way).
 *
 * <p>Not thread-safe: one per slice, merged by one thread.
 */
final class TopPersons {
    record Entry(long ordinal, long nik, double score) {
    }

    /** Best first: higher score, then smaller NIK, then smaller ordinal. */
    static final Comparator<Entry> BEST_FIRST = Comparator.comparingDouble(Entry::score).reversed()
            .thenComparingLong(Entry::nik).thenComparingLong(Entry::ordinal);

    private final int limit;
    private final PriorityQueue<Entry> worstOnTop;
    long scanned;

    TopPersons(int limit) {
        this.limit = limit;
        this.worstOnTop = new PriorityQueue<>(Math.min(limit, 1 << 16) + 1, BEST_FIRST.reversed());
    }

    void offer(long ordinal, long nik, double score) {
        if (limit == 0) {
            return;
        }
        if (worstOnTop.size() < limit) {
            worstOnTop.add(new Entry(ordinal, nik, score));
            return;
        }
        Entry worst = worstOnTop.peek();
        if (score > worst.score() || (score == worst.score()
                && (nik < worst.nik() || (nik == worst.nik() && ordinal < worst.ordinal())))) {
            worstOnTop.poll();
            worstOnTop.add(new Entry(ordinal, nik, score));
        }
    }

    void addAll(TopPersons other) {
        for (Entry entry : other.worstOnTop) {
            offer(entry.ordinal(), entry.nik(), entry.score());
        }
    }

    Entry[] sorted() {
        Entry[] entries = worstOnTop.toArray(new Entry[0]);
        Arrays.sort(entries, BEST_FIRST);
        return entries;
    }
}
