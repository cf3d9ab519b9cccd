package id.satunik.index;

import id.satunik.EyeQuality;
import id.satunik.FingerQuality;
import id.satunik.matcher.IrisTemplate;
import id.satunik.matcher.PersonProbe;
import id.satunik.matcher.PreparedFinger;
import java.util.List;

/**
 * A record's biometrics made ready for every candidate source and for rescoring, once, outside the enrollment
 * lock: the fingers (each template extracted, serialized and parsed once), SourceAFIS matchers, the pre-selection
 * tables, the eyes and their rotations.
 *
 * <p>Immutable; thread-safe (every part is).
 */
record SearchProbe(List<PreparedFinger> fingers, PersonProbe matchers, FingerQuery query,
                   List<IrisTemplate> irises, IrisProbe irisProbe) {
    SearchProbe {
        fingers = List.copyOf(fingers);
        irises = List.copyOf(irises);
    }

    /** The submitted fingers' quality, in position order (fingers from the gallery have none). */
    List<FingerQuality> fingerQuality() {
        return fingers.stream().map(PreparedFinger::quality).filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparing(FingerQuality::position)).toList();
    }

    /** The submitted eyes' quality, right eye first (codes read back from the gallery have none). */
    List<EyeQuality> irisQuality() {
        return irises.stream().map(eye -> eye.quality().forEye(eye.position())).filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparing(EyeQuality::position)).toList();
    }

    /**
     * The fingers and eyes of a person decided elsewhere, only to be stored (a cluster's claim): no SourceAFIS
     * matcher, pre-selection table or eye rotation is built (about as costly as the search itself), so this probe
     * finds nobody.
     */
    static SearchProbe toStore(List<PreparedFinger> fingers, List<IrisTemplate> irises) {
        return new SearchProbe(fingers, new PersonProbe(List.<PreparedFinger>of()),
                new FingerQuery(List.<PreparedFinger>of()), irises,
                new IrisProbe(List.<IrisTemplate>of()));
    }

    static SearchProbe of(List<PreparedFinger> fingers, List<IrisTemplate> irises) {
        return new SearchProbe(fingers, new PersonProbe(fingers), new FingerQuery(fingers), irises,
                new IrisProbe(irises));
    }
}
