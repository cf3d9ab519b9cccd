package id.satunik.index;

import id.satunik.Candidate;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.PersonFingerprints;
import id.satunik.matcher.PersonProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The searchable fingerprint gallery: every enrolled person's templates, deserialized once, in an append-only
 * array that 1:N searches split into chunks over a thread pool.
 *
 * <p>Results do not depend on the number of threads: every chunk keeps every candidate at or above the threshold
 * and its own best {@code limit}, and the merge ranks them by {@link Candidate#RANKING} (score, then NIK).
 *
 * <p>Thread-safety: any number of concurrent searches; appends must come from one thread at a time (the engine's
 * enrollment lock). A search sees the persons appended before it started, possibly more (a consistent prefix):
 * the array is published before the size, both volatile.
 */
final class FingerprintGallery {
    /** Persons per search task: large enough to amortise scheduling, small enough to balance 2-64 cores. */
    static final int CHUNK = 128;
    private static final int POSITIONS = FingerPosition.values().length;

    private record Entry(Nik nik, PersonFingerprints prints) {
    }

    private volatile Entry[] entries = new Entry[1024];
    private volatile int size;
    private final Map<Nik, PersonFingerprints> byNik = new ConcurrentHashMap<>();
    private final Map<Nik, Integer> positions = new ConcurrentHashMap<>();
    private final LongAdder comparisons = new LongAdder();
    private long templates;

    /** Appends a person; caller holds the engine's enrollment lock. */
    void add(Nik nik, PersonFingerprints prints) {
        Entry[] current = entries;
        int n = size;
        if (n == current.length) {
            current = Arrays.copyOf(current, n * 2);
            entries = current;
        }
        current[n] = new Entry(nik, prints);
        byNik.put(nik, prints);
        positions.put(nik, n);
        templates += prints.count();
        size = n + 1;
    }

    /**
     * Removes a person (deleted, or re-keyed under a corrected NIK): its slot becomes a hole the searches skip;
     * holes are gone at the next open. Caller holds the engine's enrollment lock.
     *
     * @return the person's prints, null when the NIK was not in the gallery
     */
    PersonFingerprints remove(Nik nik) {
        Integer position = positions.remove(nik);
        PersonFingerprints prints = byNik.remove(nik);
        if (position == null) {
            return null;
        }
        entries[position] = new Entry(nik, null);
        templates -= prints.count();
        return prints;
    }

    int size() {
        return size;
    }

    long templates() {
        return templates;
    }

    /** Finger comparisons performed by all searches so far. */
    long comparisons() {
        return comparisons.sum();
    }

    PersonFingerprints get(Nik nik) {
        return byNik.get(nik);
    }

    /** Compares the probe with one enrolled person (the NIK holder check). */
    Candidate compare(PersonProbe probe, Nik nik, PersonFingerprints prints) {
        double[] perFinger = new double[POSITIONS];
        double score = probe.score(prints, perFinger);
        comparisons.add(countCompared(perFinger));
        return candidate(nik, score, perFinger);
    }

    /**
     * 1:N search.
     *
     * @return every person scoring at least {@code threshold}, plus the best {@code limit} overall, ranked
     */
    List<Candidate> search(PersonProbe probe, int limit, double threshold, ExecutorService pool) {
        int n = size;
        Entry[] snapshot = entries;
        List<Callable<List<Scored>>> tasks = new ArrayList<>();
        for (int from = 0; from < n; from += CHUNK) {
            int start = from;
            int end = Math.min(n, from + CHUNK);
            tasks.add(() -> searchRange(probe, snapshot, start, end, limit, threshold));
        }
        List<Scored> merged = new ArrayList<>();
        try {
            if (tasks.size() == 1) {
                merged.addAll(tasks.getFirst().call());
            } else {
                for (Future<List<Scored>> future : pool.invokeAll(tasks)) {
                    merged.addAll(future.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("search failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("search failed: " + e, e);
        }
        List<Candidate> ranked = merged.stream()
                .map(s -> candidate(s.nik, s.score, s.perFinger))
                .sorted(Candidate.RANKING)
                .toList();
        int keep = 0;
        while (keep < ranked.size() && (keep < limit || ranked.get(keep).score() >= threshold)) {
            keep++;
        }
        return ranked.subList(0, keep);
    }

    private List<Scored> searchRange(PersonProbe probe, Entry[] snapshot, int from, int to, int limit,
                                     double threshold) {
        PriorityQueue<Scored> best = new PriorityQueue<>(limit + 1, Scored.WORST_FIRST);
        List<Scored> matches = new ArrayList<>();
        double[] perFinger = new double[POSITIONS];
        long compared = 0;
        for (int i = from; i < to; i++) {
            Entry entry = snapshot[i];
            if (entry.prints() == null) {
                continue;
            }
            double score = probe.score(entry.prints(), perFinger);
            compared += countCompared(perFinger);
            if (score >= threshold) {
                matches.add(new Scored(entry.nik(), score, perFinger.clone()));
            } else if (best.size() < limit || Scored.WORST_FIRST.compare(best.peek(), entry.nik(), score) < 0) {
                best.add(new Scored(entry.nik(), score, perFinger.clone()));
                if (best.size() > limit) {
                    best.poll();
                }
            }
        }
        comparisons.add(compared);
        matches.addAll(best);
        return matches;
    }

    private static int countCompared(double[] perFinger) {
        int compared = 0;
        for (double score : perFinger) {
            if (!Double.isNaN(score)) {
                compared++;
            }
        }
        return compared;
    }

    private static Candidate candidate(Nik nik, double score, double[] perFinger) {
        Map<FingerPosition, Double> scores = new EnumMap<>(FingerPosition.class);
        for (FingerPosition position : FingerPosition.values()) {
            double s = perFinger[position.ordinal()];
            if (!Double.isNaN(s)) {
                scores.put(position, s);
            }
        }
        return new Candidate(nik, score, scores);
    }

    /** A chunk's intermediate result; turned into a {@link Candidate} only after the merge. */
    private record Scored(Nik nik, double score, double[] perFinger) {
        /** Worst on top of the heap: lower score, then larger NIK (the reverse of Candidate.RANKING). */
        static final WorstFirst WORST_FIRST = new WorstFirst();
    }

    private static final class WorstFirst implements java.util.Comparator<Scored> {
        @Override
        public int compare(Scored a, Scored b) {
            return compare(a, b.nik(), b.score());
        }

        /** Negative when {@code a} ranks below (nik, score). */
        int compare(Scored a, Nik nik, double score) {
            int byScore = Double.compare(a.score(), score);
            return byScore != 0 ? byScore : nik.compareTo(a.nik());
        }
    }
}
