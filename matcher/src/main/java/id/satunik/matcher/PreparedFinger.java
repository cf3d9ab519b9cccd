package id.satunik.matcher;

import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.FingerPosition;
import id.satunik.FingerQuality;
import java.util.Objects;

/**
 * One finger after extraction, in every form the engine needs, each made once: the serialized template to store,
 * the SourceAFIS object to match with (never parsed again from the bytes), and the minutiae for pre-selection.
 *
 * <p>Immutable; thread-safe (SourceAFIS templates are immutable).
 *
 * @param stored   the serialized template and its position, as the person store keeps it
 * @param template the same template as SourceAFIS's object
 * @param minutiae the template's minutiae
 * @param quality  the submitted sample's quality, null for a template from the gallery
 */
public record PreparedFinger(FingerTemplate stored, FingerprintTemplate template, FingerMinutiae minutiae,
                             FingerQuality quality) {
    public PreparedFinger {
        Objects.requireNonNull(stored);
        Objects.requireNonNull(template);
        Objects.requireNonNull(minutiae);
    }

    /** Without a quality (a template from the gallery or a synthetic one). */
    public PreparedFinger(FingerTemplate stored, FingerprintTemplate template, FingerMinutiae minutiae) {
        this(stored, template, minutiae, null);
    }

    /** From a stored template (a gallery person, a template imported from elsewhere): parsed once here. */
    public static PreparedFinger of(FingerTemplate stored) {
        byte[] bytes = stored.bytesUnsafe();
        return new PreparedFinger(stored, new FingerprintTemplate(bytes), FingerMinutiae.parse(bytes));
    }

    public FingerPosition position() {
        return stored.position();
    }
}
