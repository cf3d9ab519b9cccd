package id.satunik.index;

import static id.satunik.index.IrisCodeFile.IM_OFFSET;
import static id.satunik.index.IrisCodeFile.LONG;
import static id.satunik.index.IrisCodeFile.MASK_OFFSET;
import static id.satunik.index.IrisCodeFile.NIK_OFFSET;
import static id.satunik.index.IrisCodeFile.RECORD_BYTES;
import static id.satunik.index.IrisCodeFile.RE_OFFSET;

import id.satunik.matcher.IrisCode;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The reference 1:N loop, written the straightforward way: for every gallery eye and every rotation of the
 * probe, XOR the codes, AND with both masks, {@link Long#bitCount} every word, normalise, keep the best. It is the
 * baseline the vectorised scan is measured and checked against, and the exact evaluation the fast scan defers to
 * for the few records it cannot rule out.
 *
 * <p>Thread-safe: stateless.
 */
final class IrisPlainScan implements IrisScanKernel {
    static final IrisPlainScan INSTANCE = new IrisPlainScan();

    private IrisPlainScan() {
    }

    @Override
    public void scan(MemorySegment chunk, int firstSlot, int from, int to, IrisProbe.Eye probe, double threshold,
                     List<IrisHit> out) {
        for (int i = from; i < to; i++) {
            IrisHit hit = evaluate(chunk, firstSlot + i, (long) i * RECORD_BYTES, probe);
            if (hit.distance() <= threshold) {
                out.add(hit);
            }
        }
    }

    /**
     * The exact comparison of one record with the probe eye: every rotation in full, the smallest normalised
     * distance kept (ties to the smaller |shift|, as {@link id.satunik.matcher.IrisMatcher} does).
     */
    static IrisHit evaluate(MemorySegment chunk, int slot, long base, IrisProbe.Eye probe) {
        long[] pc = probe.code();
        long[] pm = probe.mask();
        double best = Double.POSITIVE_INFINITY;
        int bestShift = 0;
        int bestDiff = 0;
        int bestCompared = 0;
        for (int r = 0; r < IrisCode.ROTATIONS; r++) {
            int codeBase = r * IrisCode.CODE_WORDS;
            int maskBase = r * IrisCode.MASK_WORDS;
            int differing = 0;
            int common = 0;
            for (int w = 0; w < IrisCode.PLANE_WORDS; w++) {
                long m = pm[maskBase + w] & chunk.get(LONG, base + MASK_OFFSET + w * 8L);
                common += Long.bitCount(m);
                differing += Long.bitCount((pc[codeBase + w] ^ chunk.get(LONG, base + RE_OFFSET + w * 8L)) & m)
                        + Long.bitCount((pc[codeBase + IrisCode.PLANE_WORDS + w]
                        ^ chunk.get(LONG, base + IM_OFFSET + w * 8L)) & m);
            }
            double d = IrisCode.normalizedDistance(differing, 2 * common);
            int shift = r - IrisCode.MAX_SHIFT;
            if (d < best || (d == best && Math.abs(shift) < Math.abs(bestShift))) {
                best = d;
                bestShift = shift;
                bestDiff = differing;
                bestCompared = 2 * common;
            }
        }
        return new IrisHit(slot, chunk.get(LONG, base + NIK_OFFSET), probe.position(), best, bestShift, bestDiff,
                bestCompared);
    }
}
