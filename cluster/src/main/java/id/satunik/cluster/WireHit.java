package id.satunik.cluster;

import id.satunik.DemographicHit;
import id.satunik.Nik;
import id.satunik.Sex;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * A {@link DemographicHit} as it travels from a member to the coordinator, its score exact (the coordinator merges
 * the members' lists by it). Immutable.
 */
record WireHit(String nik, String name, LocalDate birthDate, Sex sex, String region, double score)
        implements Serializable {

    /** The single-node order: most alike first, ties by NIK. */
    static final Comparator<WireHit> RANKING = Comparator.comparingDouble(WireHit::score).reversed()
            .thenComparing(WireHit::nik);

    static WireHit of(DemographicHit h) {
        return new WireHit(h.nik().value(), h.name(), h.birthDate(), h.sex(), h.region(), h.score());
    }

    DemographicHit hit() {
        return new DemographicHit(Nik.parse(nik), name, birthDate, sex, region, score);
    }
}
