package id.satunik;

import java.util.Locale;
import java.util.Objects;

/**
 * The quality of one submitted fingerprint, in the spirit of NFIQ 2 (ISO/IEC 29794-4): what it rests on, so that an
 * operator can tell a poor capture (re-take the finger) from a good one. Reported per finger in every decision and
 * by {@code satunik identify}; docs/design.md ("Fingerprint quality") says how each part is measured.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param position          the finger
 * @param score             0-100, the mean of the three components below, each scaled to 0-100
 * @param ridgeArea         fraction of the image's blocks that hold clear ridges (coherent, at a ridge period)
 * @param coherence         mean ridge-orientation coherence over the foreground blocks (0-1)
 * @param minutiae          minutiae the extractor found
 * @param reliableMinutiae  fraction of those minutiae lying in a block of clear ridges with orientation certainty of
 *                          at least 0.8 as NFIQ 2's OCL measures it (the others sit on noise, scars or the print's
 *                          edge); NaN when the image was
 *                          not seen (a minutia template was submitted)
 */
public record FingerQuality(FingerPosition position, double score, double ridgeArea, double coherence, int minutiae,
                            double reliableMinutiae) {
    public FingerQuality {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s quality %.0f (ridge area %.0f%%, coherence %.2f, %d minutiae, %.0f%% reliable)",
                position, score, 100 * ridgeArea, coherence, minutiae, 100 * reliableMinutiae);
    }
}
