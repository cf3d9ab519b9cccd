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
 * @param threshold      person score from which two records are one person (SourceAFIS scale: 40 ≈ FMR 0.01%);
 *                       with a {@code targetFpir}, the lowest threshold the calibration may give
 * @param capacity       number of persons the store is sized for when created (it can grow past it, slower)
 * @param candidateLimit how many ranked candidates an identify returns
 * @param exhaustive     compare the probe with every enrolled person with SourceAFIS (the reference search; slow,
 *                       and its gallery of deserialized templates grows the heap with the store) instead of the
 *                       pre-selection by the compact finger index
 * @param targetFpir     target false-positive identification rate per search, in (0, 1): the decision threshold
 *                       is derived from it and the gallery size ({@link DecisionThreshold}); 0 for a fixed threshold
 * @param durability     when the write-ahead journal is forced to disk (default {@link Durability#BATCH})
 * @param operator       who operates this engine: written into every audit log entry (default "system")
 * @param key            the key of a store encrypted at rest, or null for a store kept in the clear
 * @param minIrisQuality minimum {@link EyeQuality#score()} (0-100) of a submitted eye: an eye below it is dropped
 *                       with its measures as the reason, like an eye whose code is unusable; 0 (the default) drops
 *                       only unusable eyes (no iris found, too little iris free of lids and lashes)
 */
public record EngineOptions(Path store, int threads, double threshold, long capacity, int candidateLimit,
                            boolean exhaustive, double targetFpir, Durability durability, String operator,
                            StoreKey key, double minIrisQuality) {

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
        new DecisionThreshold(threshold, targetFpir); // validates both
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (candidateLimit < 1) {
            throw new IllegalArgumentException("candidateLimit must be at least 1, was " + candidateLimit);
        }
        if (!(minIrisQuality >= 0 && minIrisQuality <= 100)) {
            throw new IllegalArgumentException("minIrisQuality must be 0..100, was " + minIrisQuality);
        }
    }

    /** No minimum iris quality: only unusable eyes are dropped. */
    public EngineOptions(Path store, int threads, double threshold, long capacity, int candidateLimit,
                         boolean exhaustive, double targetFpir, Durability durability, String operator,
                         StoreKey key) {
        this(store, threads, threshold, capacity, candidateLimit, exhaustive, targetFpir, durability, operator, key,
                0);
    }

    /** A fixed threshold (no target FPIR), batch durability, the default operator, no encryption. */
    public EngineOptions(Path store, int threads, double threshold, long capacity, int candidateLimit,
                         boolean exhaustive) {
        this(store, threads, threshold, capacity, candidateLimit, exhaustive, 0, Durability.BATCH, DEFAULT_OPERATOR,
                null);
    }

    /** A fixed threshold (no target FPIR), pre-selection, batch durability, the default operator, no encryption. */
    public EngineOptions(Path store, int threads, double threshold, long capacity, int candidateLimit) {
        this(store, threads, threshold, capacity, candidateLimit, false);
    }

    /**
     * Defaults: all cores, threshold 40, room for 10,000 persons (growing past it), 10 candidates, pre-selection,
     * batch durability, no encryption.
     */
    public static EngineOptions at(Path store) {
        return new EngineOptions(store, Runtime.getRuntime().availableProcessors(), DEFAULT_THRESHOLD,
                DEFAULT_CAPACITY, DEFAULT_CANDIDATE_LIMIT, false);
    }

    /** The decision rule: {@link #threshold} alone, or derived from {@link #targetFpir} with it as the floor. */
    public DecisionThreshold decisionThreshold() {
        return new DecisionThreshold(threshold, targetFpir);
    }

    public EngineOptions withStore(Path value) {
        return new EngineOptions(value, threads, threshold, capacity, candidateLimit, exhaustive,
                targetFpir, durability, operator, key, minIrisQuality);
    }

    public EngineOptions withThreads(int value) {
        return new EngineOptions(store, value, threshold, capacity, candidateLimit, exhaustive,
                targetFpir, durability, operator, key, minIrisQuality);
    }

    public EngineOptions withThreshold(double value) {
        return new EngineOptions(store, threads, value, capacity, candidateLimit, exhaustive,
                targetFpir, durability, operator, key, minIrisQuality);
    }

    public EngineOptions withCapacity(long value) {
        return new EngineOptions(store, threads, threshold, value, candidateLimit, exhaustive,
                targetFpir, durability, operator, key, minIrisQuality);
    }

    public EngineOptions withCandidateLimit(int value) {
        return new EngineOptions(store, threads, threshold, capacity, value, exhaustive,
                targetFpir, durability, operator, key, minIrisQuality);
    }

    public EngineOptions withExhaustive(boolean value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, value,
                targetFpir, durability, operator, key, minIrisQuality);
    }

    /** @param value target FPIR per search in (0, 1), or 0 for the fixed {@link #threshold} */
    public EngineOptions withTargetFpir(double value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, exhaustive,
                value, durability, operator, key, minIrisQuality);
    }

    public EngineOptions withDurability(Durability value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, exhaustive,
                targetFpir, value, operator, key, minIrisQuality);
    }

    public EngineOptions withOperator(String value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, exhaustive,
                targetFpir, durability, value, key, minIrisQuality);
    }

    /** @param value the store's key, or null for a store in the clear */
    public EngineOptions withKey(StoreKey value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, exhaustive,
                targetFpir, durability, operator, value, minIrisQuality);
    }

    /** @param value minimum eye quality 0-100 ({@link #minIrisQuality}); 0 drops only unusable eyes */
    public EngineOptions withMinIrisQuality(double value) {
        return new EngineOptions(store, threads, threshold, capacity, candidateLimit, exhaustive,
                targetFpir, durability, operator, key, value);
    }
}
