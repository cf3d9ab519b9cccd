package id.satunik.evaluation;

import id.satunik.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Templates of every sample, extracted in parallel and kept in sample order (so a run is deterministic whatever
 * the thread scheduling). Samples the extractor refuses are failures to enroll: they are listed with the reason
 * and take part in no comparison.
 *
 * <p>Immutable after {@link #extract}; thread-safe.
 *
 * @param <T> the modality's template
 */
final class Enrolment<T> {
    private final List<Sample> enrolled;
    private final List<T> templates;
    private final List<Refusal> refusals;
    private final int attempted;

    private Enrolment(List<Sample> enrolled, List<T> templates, List<Refusal> refusals, int attempted) {
        this.enrolled = List.copyOf(enrolled);
        this.templates = List.copyOf(templates);
        this.refusals = List.copyOf(refusals);
        this.attempted = attempted;
    }

    /** An image the extractor refused, and why. */
    record Refusal(Sample sample, String reason) {
    }

    static <T> Enrolment<T> extract(List<Sample> samples, Modality<T> modality, ForkJoinPool pool) {
        Object[] results = new Object[samples.size()];
        try {
            pool.submit(() -> IntStream.range(0, samples.size()).parallel().forEach(i -> {
                try {
                    results[i] = modality.extract(samples.get(i));
                } catch (InvalidInputException e) {
                    results[i] = e;
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting templates", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        List<Sample> enrolled = new ArrayList<>();
        List<T> templates = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i] instanceof InvalidInputException e) {
                refusals.add(new Refusal(samples.get(i), e.reason()));
            } else {
                @SuppressWarnings("unchecked")
                T template = (T) results[i];
                enrolled.add(samples.get(i));
                templates.add(template);
            }
        }
        return new Enrolment<>(enrolled, templates, refusals, samples.size());
    }

    /** The samples that enrolled, in input order; index i here is index i of {@link #templates()}. */
    List<Sample> enrolled() {
        return enrolled;
    }

    List<T> templates() {
        return templates;
    }

    List<Refusal> refusals() {
        return refusals;
    }

    int attempted() {
        return attempted;
    }

    double failureToEnrollRate() {
        return attempted == 0 ? Double.NaN : (double) refusals.size() / attempted;
    }
}
