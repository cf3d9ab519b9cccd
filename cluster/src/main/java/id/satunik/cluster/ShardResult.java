package id.satunik.cluster;

import id.satunik.Candidate;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * One member's answer to a scatter-gather search: the partitions it searched (so the coordinator can check that
 * every partition was searched), its reduced candidates, and the NIK holder when its partition is one of them.
 * Immutable.
 */
record ShardResult(String member, Set<Integer> partitions, List<WireCandidate> candidates, WireCandidate holder)
        implements Serializable {
    ShardResult {
        partitions = Set.copyOf(partitions);
        candidates = List.copyOf(candidates);
    }

    static ShardResult of(String member, Set<Integer> partitions, List<Candidate> candidates, Candidate holder) {
        return new ShardResult(member, partitions, candidates.stream().map(WireCandidate::of).toList(),
                holder == null ? null : WireCandidate.of(holder));
    }
}
