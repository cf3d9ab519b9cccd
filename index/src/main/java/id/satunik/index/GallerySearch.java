package id.satunik.index;

import id.satunik.Candidate;
import java.util.ArrayList;
import java.util.List;

/**
 * 1:N search over one gallery (a store, or one shard of a distributed one): the candidate sources propose, one
 * rescoring stage scores every proposed person on all shared modalities, one collector ranks. A sharded backend
 * runs a GallerySearch per shard and merges the lists with {@link CandidateCollector#reduce}.
 *
 * <p>Thread-safe: any number of concurrent searches.
 */
final class GallerySearch {
    private final List<CandidateSource> sources;
    private final Rescoring rescoring;

    GallerySearch(List<CandidateSource> sources, Rescoring rescoring) {
        this.sources = List.copyOf(sources);
        this.rescoring = rescoring;
    }

    /** Every person at or above {@code threshold} plus the best {@code limit}, ranked by {@link Candidate#RANKING}. */
    List<Candidate> search(SearchProbe probe, int limit, double threshold) {
        List<Proposal> proposals = new ArrayList<>();
        for (CandidateSource source : sources) {
            proposals.addAll(source.propose(probe, limit, threshold));
        }
        return rescoring.rescore(probe, proposals, limit, threshold);
    }

    List<CandidateSource> sources() {
        return sources;
    }
}
