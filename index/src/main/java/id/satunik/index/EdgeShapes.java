package id.satunik.index;

import id.satunik.matcher.FingerMinutiae;
import java.util.Arrays;

/**
 * Minutia pairs ("edges") as the pre-selection sees them: the shapes SourceAFIS hashes to find its root pairs,
 * quantized into a 16-bit key plus the edge's absolute direction.
 *
 * <p>An edge from minutia A to a near neighbour B is described by its length and by the directions of A and B
 * relative to the line A→B. These three do not change when a finger is moved or turned on the sensor, so a mated
 * impression shares many keys with its enrolled finger; the edge's absolute direction does turn, by the same
 * angle for every edge of an impression, which is what the rotation vote of {@link FingerPreselection} checks.
 *
 * <p>Quantization, relative to SourceAFIS's own tolerances (13 px and 10° at 500 dpi): lengths in bins of
 * {@value #LENGTH_STEP} px from {@value #MIN_LENGTH} px up to {@value #LENGTH_BINS} bins, relative angles in
 * {@value #ANGLE_BINS} bins of 11.25°. The gallery stores the bin each value falls in; a probe marks the two
 * nearest bins of every value (see {@link FingerQuery}), so any error up to half a bin is always covered and
 * most errors up to a bin. Each minutia is paired with its {@value #GALLERY_NEIGHBOURS} nearest neighbours in the
 * gallery and its {@value #PROBE_NEIGHBOURS} nearest in a probe (a probe's extra neighbours absorb minutiae that
 * one impression has and the other lacks). A gallery finger keeps at most its record's capacity of distinct keys,
 * taken by neighbour rank (every minutia's nearest neighbour first, then every second nearest, and so on), so that a
 * print dense with spurious minutiae does not fill its record with their short edges alone.
 *
 * <p>Stateless; thread-safe.
 */
final class EdgeShapes {
    static final int LENGTH_STEP = 8;
    static final int LENGTH_BINS = 24;
    static final int MIN_LENGTH = 12;
    static final int ANGLE_BINS = 32;
    /** Absolute edge directions in 64 bins of 5.6°: one bit each in a long. */
    static final int DIRECTION_BINS = 64;
    static final int KEYS = LENGTH_BINS * ANGLE_BINS * ANGLE_BINS;
    /**
     * 8 with the record filled by neighbour rank: 97.1 % of the one-finger mates in the top 1 % against 95.5 % for the
     * 6 nearest taken shortest first (docs/benchmarks.md).
     */
    static final int GALLERY_NEIGHBOURS = 8;
    static final int PROBE_NEIGHBOURS = 10;
    /**
     * A probe's neighbours for the full rotation vote's table ({@link FingerQuery.Finger#full}): fewer than the
     * first stage's 10, so fewer chance hits against a gallery finger's 340 edges (docs/benchmarks.md).
     */
    static final int FULL_VOTE_NEIGHBOURS = 8;
    private static final double TWO_PI = 2 * Math.PI;

    private EdgeShapes() {
    }

    static int key(int lengthBin, int alphaBin, int betaBin) {
        return (lengthBin * ANGLE_BINS + Math.floorMod(alphaBin, ANGLE_BINS)) * ANGLE_BINS
                + Math.floorMod(betaBin, ANGLE_BINS);
    }

    /** Receives one edge in continuous bin units (length, α, β, absolute direction). */
    interface EdgeSink {
        void edge(double length, double alpha, double beta, double direction);
    }

    /**
     * Every edge from each minutia to its {@code neighbours} nearest others within the key's length range, shortest
     * first overall (stable), in bin units.
     */
    static void edges(FingerMinutiae m, int neighbours, EdgeSink sink) {
        edges(m, neighbours, false, sink);
    }

    /**
     * As {@link #edges(FingerMinutiae, int, EdgeSink)}; {@code byRank}: every minutia's nearest neighbour first, then
     * every second nearest, and so on, shortest first within a rank.
     */
    static void edges(FingerMinutiae m, int neighbours, boolean byRank, EdgeSink sink) {
        int n = m.count();
        double maxLength = (double) LENGTH_STEP * LENGTH_BINS;
        // (rank << 48, when byRank) | (squared length << 32) | (from << 16) | to, sorted at the end; squared lengths
        // stay below 2^16 (maxLength² < 2^16), so the rank sorts first and is never read back
        long[] found = new long[n * neighbours];
        int edges = 0;
        long[] near = new long[n];
        for (int i = 0; i < n; i++) {
            int candidates = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                long dx = m.x(j) - m.x(i);
                long dy = m.y(j) - m.y(i);
                long d2 = dx * dx + dy * dy;
                if (d2 >= (long) MIN_LENGTH * MIN_LENGTH && d2 < maxLength * maxLength) {
                    near[candidates++] = d2 << 32 | j;
                }
            }
            Arrays.sort(near, 0, candidates);
            for (int k = 0; k < Math.min(neighbours, candidates); k++) {
                long rank = byRank ? (long) k << 48 : 0;
                found[edges++] = rank | (near[k] >>> 32) << 32 | (long) i << 16 | (near[k] & 0xFFFF);
            }
        }
        Arrays.sort(found, 0, edges);
        for (int e = 0; e < edges; e++) {
            int i = (int) (found[e] >>> 16 & 0xFFFF);
            int j = (int) (found[e] & 0xFFFF);
            double dx = m.x(j) - m.x(i);
            double dy = m.y(j) - m.y(i);
            double angle = Math.atan2(dy, dx);
            sink.edge(Math.sqrt(dx * dx + dy * dy) / LENGTH_STEP,
                    turn(m.direction(i) - angle) * ANGLE_BINS / TWO_PI,
                    turn(m.direction(j) - angle) * ANGLE_BINS / TWO_PI,
                    turn(angle) * DIRECTION_BINS / TWO_PI);
        }
    }

    /** The angle in [0, 2π). */
    static double turn(double angle) {
        double a = angle % TWO_PI;
        return a < 0 ? a + TWO_PI : a;
    }

    /**
     * The gallery side: distinct keys, at most {@code capacity}, taken by neighbour rank (see
     * {@link #edges(FingerMinutiae, int, boolean, EdgeSink)}) with the direction bin of the first edge of each key,
     * written sorted by length (stable), as {@link FingerIndexLayout#sketchStart} expects.
     *
     * @return how many were written to {@code keys} and {@code directions}
     */
    static int galleryEdges(FingerMinutiae m, int capacity, short[] keys, byte[] directions) {
        boolean[] seen = new boolean[KEYS];
        long[] chosen = new long[capacity]; // length in 1/1024 bins << 40 | order taken << 24 | key << 8 | direction
        int[] count = {0};
        edges(m, GALLERY_NEIGHBOURS, true, (length, alpha, beta, direction) -> {
            int lengthBin = (int) length;
            if (count[0] == capacity || lengthBin >= LENGTH_BINS) {
                return;
            }
            int key = key(lengthBin, (int) alpha, (int) beta);
            if (!seen[key]) {
                seen[key] = true;
                chosen[count[0]] = (long) Math.round(length * 1024) << 40 | (long) count[0] << 24 | (long) key << 8
                        | ((int) direction & (DIRECTION_BINS - 1));
                count[0]++;
            }
        });
        Arrays.sort(chosen, 0, count[0]);
        for (int e = 0; e < count[0]; e++) {
            keys[e] = (short) (chosen[e] >>> 8);
            directions[e] = (byte) chosen[e];
        }
        return count[0];
    }
}
