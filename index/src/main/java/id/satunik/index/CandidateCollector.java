package id.satunik.index;

import id.satunik.Candidate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Collects ranked candidates the way every search reports them: every person at or above the threshold, plus the
 * best {@code limit} overall, ranked by {@link Candidate#RANKING} (score, then NIK). One collector per slice of
 * work, then {@link #reduce}: since the order is total, the result does not depend on how the work was sliced or
 * on which thread finished first (the model is Lucene's CollectorManager). A distributed search reduces the
 * shards' lists with the same method.
 *
 * <p>Not thread-safe: one per slice; {@link #reduce} is a pure function.
 */
final class CandidateCollector {
    private final int limit;
    private final double threshold;
    private final List<Candidate> matches = new ArrayList<>();
    private final PriorityQueue<Candidate> best;

    CandidateCollector(int limit, double threshold) {
        this.limit = limit;
        this.threshold = threshold;
        this.best = new PriorityQueue<>(limit + 1, Candidate.RANKING.reversed());
    }

    void collect(Candidate candidate) {
        if (candidate.score() >= threshold) {
            matches.add(candidate);
        } else if (limit > 0) {
            best.add(candidate);
            if (best.size() > limit) {
                best.poll();
            }
        }
    }

    /** This slice's candidates, in no particular order. */
    List<Candidate> collected() {
        List<Candidate> all = new ArrayList<>(matches);
        all.addAll(best);
        return all;
    }

    /** Merges slices: every candidate at or above {@code threshold} plus the best {@code limit}, ranked. */
    static List<Candidate> reduce(Collection<? extends Collection<Candidate>> slices, int limit, double threshold) {
        List<Candidate> all = new ArrayList<>();
        slices.forEach(all::addAll);
        all.sort(Candidate.RANKING);
        int keep = 0;
        while (keep < all.size() && (keep < limit || all.get(keep).score() >= threshold)) {
            keep++;
        }
        return List.copyOf(all.subList(0, keep));
    }
}
