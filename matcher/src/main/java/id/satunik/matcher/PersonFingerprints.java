package id.satunik.matcher;

import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.FingerPosition;
import java.util.Collection;

/**
 * The deserialized fingerprint templates of one enrolled person, by position: what a person comparison needs.
 * Templates are deserialized once (deserializing costs more than a comparison), never inside a search loop.
 *
 * <p>Immutable after construction; thread-safe (SourceAFIS templates are immutable).
 */
public final class PersonFingerprints {
    private static final FingerPosition[] POSITIONS = FingerPosition.values();
    private final FingerprintTemplate[] byPosition;
    private final int count;

    public PersonFingerprints(Collection<FingerTemplate> templates) {
        this(parse(templates));
    }

    private PersonFingerprints(FingerprintTemplate[] byPosition) {
        this.byPosition = byPosition;
        int n = 0;
        for (FingerprintTemplate template : byPosition) {
            n += template != null ? 1 : 0;
        }
        this.count = n;
    }

    private static FingerprintTemplate[] parse(Collection<FingerTemplate> templates) {
        FingerprintTemplate[] byPosition = new FingerprintTemplate[POSITIONS.length];
        for (FingerTemplate template : templates) {
            byPosition[template.position().ordinal()] = new FingerprintTemplate(template.bytesUnsafe());
        }
        return byPosition;
    }

    /**
     * Only the fingers the probe carries (a shortlisted person is compared once, so parsing the others would be
     * wasted: parsing a template costs more than comparing it).
     */
    public static PersonFingerprints forProbe(Collection<FingerTemplate> templates, PersonProbe probe) {
        return new PersonFingerprints(templates.stream().filter(t -> probe.has(t.position())).toList());
    }

    /** From templates already parsed (no deserialization). */
    public static PersonFingerprints ofPrepared(Collection<PreparedFinger> fingers) {
        FingerprintTemplate[] byPosition = new FingerprintTemplate[POSITIONS.length];
        for (PreparedFinger finger : fingers) {
            byPosition[finger.position().ordinal()] = finger.template();
        }
        return new PersonFingerprints(byPosition);
    }

    /** Number of fingers this person has on file. */
    public int count() {
        return count;
    }

    FingerprintTemplate at(int ordinal) {
        return byPosition[ordinal];
    }
}
