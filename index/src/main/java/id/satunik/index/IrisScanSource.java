package id.satunik.index;

import java.util.List;

/**
 * Proposes every person with an eye close to one of the probe's ({@link IrisGallery#candidates}).
 *
 * <p>Thread-safe.
 */
final class IrisScanSource implements CandidateSource {
    private final IrisGallery irises;

    IrisScanSource(IrisGallery irises) {
        this.irises = irises;
    }

    @Override
    public List<Proposal> propose(SearchProbe probe, int limit, double threshold) {
        return probe.irises().isEmpty() ? List.of() : irises.candidates(probe.irisProbe());
    }

    @Override
    public long examined() {
        return irises.comparisons();
    }
}
