package id.satunik.cluster;

import java.io.Serializable;

/**
 * What one member holds: its address, the partitions (shards) it owns, the persons and fingerprints in them, the
 * bytes of their files, and its entries of the replicated persons map (owned and backup copies); and what its
 * shards' searches did since it started (summed over the shards it has opened).
 *
 * <p>Immutable; thread-safe.
 *
 * @param searchNanos     wall time of its shard searches, summed over shards
 * @param indexEntries    gallery entries its candidate sources read
 * @param personsRescored persons its rescoring compared in full
 * @param comparisons     biometric comparisons (finger or eye) of its shards
 */
public record MemberStats(String member, int shards, long persons, long fingerprints, long bytes,
                          long ownedEntries, long backupEntries, long searchNanos, long indexEntries,
                          long personsRescored, long comparisons) implements Serializable {
}
