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
 * @param durability     when the write-ahead journal is forced to disk (default {@link Durability#BATCH})
 * @param operator       who operates this engine: written into every audit log entry (default "system")
 * @param key            the key of a store encrypted at rest, or null for a store kept in the clear
 */
public record EngineOptions(Path store, int threads, double threshold, long capacity, int candidateLimit,
                            boolean exhaustive, Durability durability, String operator, StoreKey key) {

    /** SourceAFIS's recommended 1:1 threshold, FMR about 0.01% per comparison; see README for the 1:N view. */
    public static final double DEFAULT_THRESHOLD = 40.0;
    /**
     * Persons a new store is sized for. Chronicle Map allocates its file for the configured capacity up front
     * (about 17 KB a person, measured), so the default is modest; a store grows past it (slower lookups), and a
     * deployment sets the capacity it expects.
     */
    public static final long DEFAULT_CAPACITY = 10_000;
    public static final int DEFAULT_CANDIDATE_LIMIT = 10;
    /** Default operator id in the audit log when none is given. */
    public static final String DEFAULT_OPERATOR = "system";

    public EngineOptions {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(durability, "durability");
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("operator must not be blank");
        }
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

    /** Batch durability, the default operator, no encryption. */
    public EngineOptions(Path store, int threads, double threshold, long capacity, int candidateLimit,
                         boolean exhaustive) {
        this(store, threads, threshold, capacity, candidateLimit, exhaustive, Durability.BATCH, DEFAULT_OPERATOR,
                null);
    }

    /**
     * Defaults: all cores, threshold 40, room for 10,000 persons (growing past it), 10 candidates, pre-selection,
     * batch durability, no encryption.
     */
    public static EngineOptions at(Path store) {
        return new EngineOptions(store, Runtime.getRuntime().availableProcessors(), DEFAULT_THRESHOLD,
                DEFAULT_CAPACITY, DEFAULT_CANDIDATE_LIMIT, false);
    }

    public EngineOptions withStore(Path value) {
        return new EngineOptions(value, threads, threshold, capacity, candidateLimit, exhaustive, durability,
                operator, key);
    }

    public EngineOptions withThreads(int value) {
        return new EngineOptions(store, value, threshold, capacity, candidateLimit, exhaustive, durability, operator,
                key);
    }

    public EngineOptions withThreshold(double value) {
        return new EngineOptions(store, threads, value, capacity, candidateLimit, exhaustive, durability, operator,
                key);
    }

    public EngineOptions withCapacity(long value) {
        return new EngineOptions(store, threads, threshold, value, candidateLimit, exhaustive, durability, operator,
                key);
    }

    public EngineOptions withCandidateLimit(int value) {
        return new EngineOptions(store, threads, threshold, capacity, value, exhaustive, durability, operator, key);
    }

    public EngineOptions withExhaustive(boolean value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, value, durability, operator,
                key);
    }

    public EngineOptions withDurability(Durability value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, exhaustive, value, operator,
                key);
    }

    public EngineOptions withOperator(String value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, exhaustive, durability, value,
                key);
    }

    /** @param value the store's key, or null for a store in the clear */
    public EngineOptions withKey(StoreKey value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, exhaustive, durability,
                operator, value);
    }
}
