package id.satunik.matcher;

/**
 * 1:1 iris comparison: the normalised fractional Hamming distance of {@link IrisCode}, minimised over the
 * rotations, and its calibrated score.
 *
 * <p>Thread-safe: stateless.
 */
public final class IrisMatcher {
    private IrisMatcher() {
    }

    /**
     * The result of comparing two eyes.
     *
     * @param distance normalised Hamming distance at the best rotation (0 identical, ~0.5 unrelated)
     * @param differing differing bits at that rotation
     * @param compared  bits both masks keep at that rotation
     * @param shift     the best rotation, in code columns
     * @param score     {@link IrisScore#of(double)} of the distance: ≈ -10·log10 FMR
     */
    public record Comparison(double distance, int differing, int compared, int shift, double score) {
    }

    public static Comparison compare(IrisTemplate probe, IrisTemplate candidate) {
        long[] gCode = candidate.codeUnsafe();
        long[] gMask = candidate.maskUnsafe();
        double best = Double.POSITIVE_INFINITY;
        int bestShift = 0;
        int bestDiff = 0;
        int bestCompared = 0;
        for (int shift = -IrisCode.MAX_SHIFT; shift <= IrisCode.MAX_SHIFT; shift++) {
            long[] pCode = IrisCode.rotate(probe.codeUnsafe(), shift);
            long[] pMask = IrisCode.rotate(probe.maskUnsafe(), shift);
            int differing = 0;
            int common = 0;
            for (int w = 0; w < IrisCode.MASK_WORDS; w++) {
                long m = pMask[w] & gMask[w];
                common += Long.bitCount(m);
                differing += Long.bitCount((pCode[w] ^ gCode[w]) & m)
                        + Long.bitCount((pCode[w + IrisCode.PLANE_WORDS] ^ gCode[w + IrisCode.PLANE_WORDS]) & m);
            }
            double d = IrisCode.normalizedDistance(differing, 2 * common);
            // ties go to the smaller |shift| so that the reported rotation is stable
            if (d < best || (d == best && Math.abs(shift) < Math.abs(bestShift))) {
                best = d;
                bestShift = shift;
                bestDiff = differing;
                bestCompared = 2 * common;
            }
        }
        return new Comparison(best, bestDiff, bestCompared, bestShift, IrisScore.of(best));
    }
}
