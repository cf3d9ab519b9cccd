package id.satunik.evaluation;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Runs batches of template comparisons in parallel. Pairs come grouped by probe so that each probe is prepared
 * once (SourceAFIS indexes the probe's minutiae, which costs more than one comparison); every score lands in
 * the slot of its pair, so results do not depend on scheduling.
 *
 * <p>Thread-safe: batches may run one after another from any thread; a batch uses the pool given.
 *
 * @param <T> the modality's template
 */
final class Comparisons<T> {
    private final Modality<T> modality;
    private final List<T> templates;
    private final ForkJoinPool pool;
    private final AtomicLong performed = new AtomicLong();

    Comparisons(Modality<T> modality, List<T> templates, ForkJoinPool pool) {
        this.modality = modality;
        this.templates = templates;
        this.pool = pool;
    }

    /**
     * Scores {@code probes[k]} against {@code candidates[k]} for every k.
     *
     * @param probes template indexes, equal values adjacent (runs of one probe)
     */
    double[] score(int[] probes, int[] candidates) {
        if (probes.length != candidates.length) {
            throw new IllegalArgumentException("probes and candidates differ in length");
        }
        int[] runStarts = IntStream.range(0, probes.length)
                .filter(k -> k == 0 || probes[k] != probes[k - 1]).toArray();
        double[] scores = new double[probes.length];
        try {
            pool.submit(() -> IntStream.range(0, runStarts.length).parallel().forEach(r -> {
                int from = runStarts[r];
                int to = r + 1 < runStarts.length ? runStarts[r + 1] : probes.length;
                ToDoubleFunction<T> probe = modality.probe(templates.get(probes[from]));
                for (int k = from; k < to; k++) {
                    scores[k] = probe.applyAsDouble(templates.get(candidates[k]));
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while comparing templates", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        performed.addAndGet(probes.length);
        return scores;
    }

    /** Comparisons run so far. */
    long performed() {
        return performed.get();
    }
}
