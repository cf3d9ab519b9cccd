package id.satunik;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open a {@link DedupEngine}.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param store          folder of the persistent gallery (created when missing)
 * @param threads        worker threads for 1:N search and extraction
 * @param threshold      person score from which two records are one person (SourceAFIS scale: 40 ≈ FMR 0.01%)
 * @param capacity       number of persons the store is sized for when created (it can grow past it, slower)
 * @param candidateLimit how many ranked candidates an identify returns
 * @param exhaustive     compare the probe with every enrolled person with SourceAFIS (the reference search; slow,
 *                       and its gallery of deserialized templates grows the heap with the store) instead of the
 *                       pre-selection by the compact finger index
 */
public record EngineOptions(Path store, int threads, double threshold, long capacity, int candidateLimit,
                            boolean exhaustive) {

    /** SourceAFIS's recommended 1:1 threshold, FMR about 0.01% per comparison; see README for the 1:N view. */
    public static final double DEFAULT_THRESHOLD = 40.0;
    /**
     * Persons a new store is sized for. Chronicle Map allocates its file for the configured capacity up front
     * (about 17 KB a person, measured), so the default is modest; a store grows past it (slower lookups), and a
     * deployment sets the capacity it expects.
     */
    public static final long DEFAULT_CAPACITY = 10_000;
    public static final int DEFAULT_CANDIDATE_LIMIT = 10;

    public EngineOptions {
        Objects.requireNonNull(store, "store");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive, was " + threshold);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (candidateLimit < 1) {
            throw new IllegalArgumentException("candidateLimit must be at least 1, was " + candidateLimit);
        }
    }

    /**
     * Defaults: all cores, threshold 40, room for 10,000 persons (growing past it), 10 candidates, pre-selection.
     */
    public static EngineOptions at(Path store) {
        return new EngineOptions(store, Runtime.getRuntime().availableProcessors(), DEFAULT_THRESHOLD,
                DEFAULT_CAPACITY, DEFAULT_CANDIDATE_LIMIT, false);
    }

    public EngineOptions withThreads(int value) {
        return new EngineOptions(store, value, threshold, capacity, candidateLimit, exhaustive);
    }

    public EngineOptions withThreshold(double value) {
        return new EngineOptions(store, threads, value, capacity, candidateLimit, exhaustive);
    }

    public EngineOptions withCapacity(long value) {
        return new EngineOptions(store, threads, threshold, value, candidateLimit, exhaustive);
    }

    public EngineOptions withCandidateLimit(int value) {
        return new EngineOptions(store, threads, threshold, capacity, value, exhaustive);
    }

    public EngineOptions withExhaustive(boolean value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, value);
    }
}
