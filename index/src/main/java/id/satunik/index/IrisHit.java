package id.satunik.index;

import id.satunik.EyePosition;
import java.util.Comparator;

/**
 * A gallery eye whose normalised Hamming distance to the probe eye of the same position is within the scan's
 * threshold.
 *
 * @param slot      the record's slot in the {@link IrisCodeFile} of its eye position
 * @param nik       the enrolled person's NIK (as {@code Nik.toLong()})
 * @param eye       which eye
 * @param distance  normalised Hamming distance at the best rotation
 * @param shift     that rotation, in code columns
 * @param differing differing bits at that rotation
 * @param compared  bits both masks keep at that rotation
 */
record IrisHit(int slot, long nik, EyePosition eye, double distance, int shift, int differing, int compared) {
    /** Closest first, then by eye and slot: an order that does not depend on how the scan was split. */
    static final Comparator<IrisHit> ORDER = Comparator.comparingDouble(IrisHit::distance)
            .thenComparing(IrisHit::eye).thenComparingInt(IrisHit::slot);
}
