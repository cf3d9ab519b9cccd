package id.satunik.cluster;

import java.io.Serializable;

/**
 * What one member holds: its address, the partitions (shards) it owns, the persons and fingerprints in them, the
 * bytes of their files, and its entries of the replicated persons map (owned and backup copies).
 *
 * <p>Immutable; thread-safe.
 */
public record MemberStats(String member, int shards, long persons, long fingerprints, long bytes,
                          long ownedEntries, long backupEntries) implements Serializable {
}
