package id.satunik.matcher;

import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.FingerPosition;
import java.util.Collection;

/**
 * The deserialized fingerprint templates of one enrolled person, by position: what the 1:N loop compares.
 * Templates are deserialized once when the gallery is loaded or a person enrolled (deserializing costs more than
 * a comparison), never inside the search loop.
 *
 * <p>Immutable after construction; thread-safe (SourceAFIS templates are immutable).
 */
public final class PersonFingerprints {
    private static final FingerPosition[] POSITIONS = FingerPosition.values();
    private final FingerprintTemplate[] byPosition = new FingerprintTemplate[POSITIONS.length];
    private final int count;

    public PersonFingerprints(Collection<FingerTemplate> templates) {
        int n = 0;
        for (FingerTemplate template : templates) {
            byPosition[template.position().ordinal()] = new FingerprintTemplate(template.bytesUnsafe());
            n++;
        }
        this.count = n;
    }

    /** Number of fingers this person has on file. */
    public int count() {
        return count;
    }

    FingerprintTemplate at(int ordinal) {
        return byPosition[ordinal];
    }
}
