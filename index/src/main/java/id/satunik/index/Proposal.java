package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.Nik;

/**
 * A person a candidate source proposes for rescoring, and where it was found, so that rescoring can check that
 * the entry still belongs to the stored person (an index entry left by an enrollment that never committed
 * names a NIK the store does not hold, or holds with other slots: it is dropped).
 *
 * @param slot the finger index ordinal, the iris file slot, or -1 (found in the person store itself)
 * @param eye  the eye position for an iris hit, else null
 */
record Proposal(Nik nik, Source source, long slot, EyePosition eye) {
    enum Source { FINGER_INDEX, IRIS_SCAN, STORE }

    static Proposal fromStore(Nik nik) {
        return new Proposal(nik, Source.STORE, -1, null);
    }
}
