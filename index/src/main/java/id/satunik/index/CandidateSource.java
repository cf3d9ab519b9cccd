package id.satunik.index;

import java.util.List;

/**
 * Proposes the persons of one gallery (a store, or a shard of one) worth a full comparison with a probe. Sources
 * only propose: every proposed person is scored by {@link Rescoring} on all the modalities both carry, so a
 * source's own evidence never decides. A sharded backend runs the same sources on each shard.
 *
 * <p>Implementations are thread-safe.
 */
interface CandidateSource {

    /**
     * Persons to rescore for the probe, in a deterministic order; may contain a person more than once. A source
     * that scores as it goes (the exhaustive one) keeps every person at or above {@code threshold} and its best
     * {@code limit}; a pre-selection proposes at least {@code limit}.
     */
    List<Proposal> propose(SearchProbe probe, int limit, double threshold);

    /** Gallery entries this source read so far (fingers, eyes or persons), for throughput reports. */
    long examined();
}
