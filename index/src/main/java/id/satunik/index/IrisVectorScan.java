package id.satunik.index;

import static id.satunik.index.IrisCodeFile.IM_OFFSET;
import static id.satunik.index.IrisCodeFile.MASK_OFFSET;
import static id.satunik.index.IrisCodeFile.RECORD_BYTES;
import static id.satunik.index.IrisCodeFile.RE_OFFSET;

import id.satunik.matcher.IrisCode;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast 1:N loop: the same integer counts as {@link IrisPlainScan}, computed with the Vector API (XOR, AND
 * and per-lane popcount on 512-bit vectors, one horizontal sum per rotation carrying the differing and the
 * compared bits in the low and high halves of each lane), and the floating-point decision replaced by an exact
 * integer test without branches.
 *
 * <p>Why the decisions equal the plain loop's: a rotation can bring the normalised distance within threshold T
 * only if x = N − 2D satisfies x &gt; 0 and x² ≥ k·N with k = 4·(0.5 − T)²·{@link IrisCode#REFERENCE_BITS}
 * (the normalisation formula solved for the differing bits D, N = compared bits). The scan tests
 * x²·2<sup>20</sup> ≥ ⌊k·(1 − 10<sup>-9</sup>)·2<sup>20</sup>⌋·N in 64-bit integers (no overflow: x, N ≤ 2048),
 * which holds whenever the exact condition does, so rounding can only let a record through, never turn one away;
 * every record let through is then evaluated by {@link IrisPlainScan#evaluate} itself. Non-matches, the
 * overwhelming majority, cost the vector work only.
 *
 * <p>Without 512-bit vectors (no AVX-512) a generic loop over the preferred species does the same counts.
 *
 * <p>Thread-safe: stateless.
 */
final class IrisVectorScan implements IrisScanKernel {
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final VectorSpecies<Long> S512 = LongVector.SPECIES_512;
    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final boolean WIDE_AVAILABLE = SPECIES.length() >= 8 && IrisCode.PLANE_WORDS == 16;
    /** 512-bit kernel where the CPU has AVX-512, else the generic one. */
    static final IrisVectorScan INSTANCE = new IrisVectorScan(WIDE_AVAILABLE);
    /** The generic kernel whatever the CPU, so that tests cover it on AVX-512 machines too. */
    static final IrisVectorScan GENERIC = new IrisVectorScan(false);
    private static final int SCALE_BITS = 20;
    /** Records the pre-test let through to the exact evaluation (rare: near matches only), for tests. */
    static final LongAdder EVALUATED = new LongAdder();

    /** Whether 512-bit lanes are there: a plane is then exactly two vectors, held in registers over the rotations. */
    private final boolean wide;

    private IrisVectorScan(boolean wide) {
        this.wide = wide;
    }

    /** Vector width in use, for reports. */
    int bits() {
        return wide ? 512 : SPECIES.vectorBitSize();
    }

    /** ⌊k·(1 − 1e-9)·2^20⌋ with k = 4(0.5 − T)²·REFERENCE_BITS: the integer form of the threshold. */
    static long scaledBound(double threshold) {
        double k = 4 * (0.5 - threshold) * (0.5 - threshold) * IrisCode.REFERENCE_BITS;
        return (long) Math.floor(k * (1 - 1e-9) * (1L << SCALE_BITS));
    }

    @Override
    public void scan(MemorySegment chunk, int firstSlot, int from, int to, IrisProbe.Eye probe, double threshold,
                     List<IrisHit> out) {
        if (threshold >= 0.5) {
            // everything is within such a threshold; nothing to prune
            IrisPlainScan.INSTANCE.scan(chunk, firstSlot, from, to, probe, threshold, out);
            return;
        }
        long bound = scaledBound(threshold);
        long[] pc = probe.code();
        long[] pm = probe.mask();
        for (int i = from; i < to; i++) {
            long base = (long) i * RECORD_BYTES;
            long flags = wide ? flagsWide(chunk, base, pc, pm, bound) : flagsGeneric(chunk, base, pc, pm, bound);
            if (flags < 0) {
                EVALUATED.increment();
                IrisHit hit = IrisPlainScan.evaluate(chunk, firstSlot + i, base, probe);
                if (hit.distance() <= threshold) {
                    out.add(hit);
                }
            }
        }
    }

    /**
     * Sign bit set when some rotation passes the integer test (see class doc). The record's six 512-bit vectors
     * are loaded once for all rotations; the rotations are an unrolled loop over {@link #counts}, which C2 inlines,
     * so that no vector is ever boxed.
     */
    private static long flagsWide(MemorySegment chunk, long base, long[] pc, long[] pm, long bound) {
        LongVector gr0 = LongVector.fromMemorySegment(S512, chunk, base + RE_OFFSET, ORDER);
        LongVector gr1 = LongVector.fromMemorySegment(S512, chunk, base + RE_OFFSET + 64, ORDER);
        LongVector gi0 = LongVector.fromMemorySegment(S512, chunk, base + IM_OFFSET, ORDER);
        LongVector gi1 = LongVector.fromMemorySegment(S512, chunk, base + IM_OFFSET + 64, ORDER);
        LongVector gm0 = LongVector.fromMemorySegment(S512, chunk, base + MASK_OFFSET, ORDER);
        LongVector gm1 = LongVector.fromMemorySegment(S512, chunk, base + MASK_OFFSET + 64, ORDER);
        long flags = 0;
        for (int r = 0; r < IrisCode.ROTATIONS; r++) {
            long packed = counts(pc, pm, r * IrisCode.CODE_WORDS, r * IrisCode.MASK_WORDS,
                    gr0, gr1, gi0, gi1, gm0, gm1).reduceLanes(VectorOperators.ADD);
            flags |= test(packed, bound);
        }
        return flags;
    }

    /** Per lane: differing bits in the low 32 bits, compared coefficients in the high 32, for one rotation. */
    private static LongVector counts(long[] pc, long[] pm, int c, int m, LongVector gr0, LongVector gr1,
                                     LongVector gi0, LongVector gi1, LongVector gm0, LongVector gm1) {
        LongVector m0 = LongVector.fromArray(S512, pm, m).and(gm0);
        LongVector m1 = LongVector.fromArray(S512, pm, m + 8).and(gm1);
        LongVector d = LongVector.fromArray(S512, pc, c).lanewise(VectorOperators.XOR, gr0).and(m0)
                .lanewise(VectorOperators.BIT_COUNT)
                .add(LongVector.fromArray(S512, pc, c + 8).lanewise(VectorOperators.XOR, gr1).and(m1)
                        .lanewise(VectorOperators.BIT_COUNT))
                .add(LongVector.fromArray(S512, pc, c + 16).lanewise(VectorOperators.XOR, gi0).and(m0)
                        .lanewise(VectorOperators.BIT_COUNT))
                .add(LongVector.fromArray(S512, pc, c + 24).lanewise(VectorOperators.XOR, gi1).and(m1)
                        .lanewise(VectorOperators.BIT_COUNT));
        LongVector n = m0.lanewise(VectorOperators.BIT_COUNT).add(m1.lanewise(VectorOperators.BIT_COUNT));
        return d.add(n.lanewise(VectorOperators.LSHL, 32));
    }

    /**
     * Sign bit set iff x &gt; 0 and x²·2^20 ≥ bound·N, for D and N/2 packed as D | (N/2) &lt;&lt; 32: the sign
     * of −x marks x &gt; 0, the complement of the difference marks the inequality; no branch.
     */
    private static long test(long packed, long bound) {
        long compared = 2 * (packed >>> 32);
        long x = compared - 2 * (packed & 0xFFFF_FFFFL);
        return -x & ~(((x * x) << SCALE_BITS) - bound * compared);
    }

    /** The same counts over any vector width, one plane chunk at a time. */
    private static long flagsGeneric(MemorySegment chunk, long base, long[] pc, long[] pm, long bound) {
        int lanes = SPECIES.length();
        long flags = 0;
        for (int r = 0; r < IrisCode.ROTATIONS; r++) {
            int c = r * IrisCode.CODE_WORDS;
            int mb = r * IrisCode.MASK_WORDS;
            LongVector acc = LongVector.zero(SPECIES);
            for (int w = 0; w < IrisCode.PLANE_WORDS; w += lanes) {
                long offset = base + w * 8L;
                LongVector m = LongVector.fromArray(SPECIES, pm, mb + w)
                        .and(LongVector.fromMemorySegment(SPECIES, chunk, offset + MASK_OFFSET, ORDER));
                LongVector re = LongVector.fromArray(SPECIES, pc, c + w)
                        .lanewise(VectorOperators.XOR, LongVector.fromMemorySegment(SPECIES, chunk, offset + RE_OFFSET, ORDER))
                        .and(m);
                LongVector im = LongVector.fromArray(SPECIES, pc, c + IrisCode.PLANE_WORDS + w)
                        .lanewise(VectorOperators.XOR, LongVector.fromMemorySegment(SPECIES, chunk, offset + IM_OFFSET, ORDER))
                        .and(m);
                acc = acc.add(re.lanewise(VectorOperators.BIT_COUNT)).add(im.lanewise(VectorOperators.BIT_COUNT))
                        .add(m.lanewise(VectorOperators.BIT_COUNT).lanewise(VectorOperators.LSHL, 32));
            }
            flags |= test(acc.reduceLanes(VectorOperators.ADD), bound);
        }
        return flags;
    }
}
