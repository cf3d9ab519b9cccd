package id.satunik.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * One member's answer to a demographic search: the partitions it searched (the coordinator checks that every
 * partition was) and its best hits, ranked. Immutable.
 */
record DemographicResult(Set<Integer> partitions, List<WireHit> hits) implements Serializable {
    DemographicResult {
        partitions = Set.copyOf(partitions);
        hits = List.copyOf(hits);
    }
}
