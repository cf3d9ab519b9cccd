package id.satunik.index;

import id.satunik.FingerPosition;
import id.satunik.matcher.FingerMinutiae;
import id.satunik.matcher.PreparedFinger;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A probe's fingers as look-up tables for the pre-selection scan, built once per probe: for every finger and every
 * edge key, the absolute directions of its edges with that key as a 64-bit mask (empty: the probe lacks the key),
 * which the rotation vote turns by each gallery edge's direction.
 *
 * <p>Each continuous edge value marks its two nearest bins (length, α, β: 8 keys per edge), and each direction
 * the bins within ±{@value #DIRECTION_SPREAD} (±14°, SourceAFIS's angle tolerance plus a bin), so that a gallery
 * edge quantized on either side of a bin edge is still found.
 *
 * <p>The full rotation vote (the second stage) reads a table of its own, {@link Finger#full}, built the same way
 * from the edges to each minutia's {@value EdgeShapes#FULL_VOTE_NEIGHBOURS} nearest neighbours only; the first
 * stage keeps the 10-neighbour table it was tuned on.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class FingerQuery {
    static final int DIRECTION_SPREAD = 2;
    private static final int POSITIONS = FingerPosition.values().length;

    /** One probe finger's tables. */
    static final class Finger {
        // one slot more than the keys: it stays empty, so the first stage reads NO_EDGE without a test
        final long[] directions = new long[EdgeShapes.KEYS + 1];
        /** The full vote's direction masks per key (empty: the probe lacks the key), one empty slot more too. */
        final long[] full = new long[EdgeShapes.KEYS + 1];

        Finger(FingerMinutiae minutiae) {
            mark(minutiae, EdgeShapes.PROBE_NEIGHBOURS, directions);
            mark(minutiae, EdgeShapes.FULL_VOTE_NEIGHBOURS, full);
        }

        private static void mark(FingerMinutiae minutiae, int neighbours, long[] masks) {
            EdgeShapes.edges(minutiae, neighbours, (length, alpha, beta, direction) -> {
                int l0 = (int) Math.floor(length - 0.5);
                int a0 = (int) Math.floor(alpha - 0.5);
                int b0 = (int) Math.floor(beta - 0.5);
                int d = (int) direction;
                long mask = 0;
                for (int s = -DIRECTION_SPREAD; s <= DIRECTION_SPREAD; s++) {
                    mask |= 1L << ((d + s) & (EdgeShapes.DIRECTION_BINS - 1));
                }
                for (int l = Math.max(0, l0); l <= l0 + 1 && l < EdgeShapes.LENGTH_BINS; l++) {
                    for (int a = a0; a <= a0 + 1; a++) {
                        for (int b = b0; b <= b0 + 1; b++) {
                            masks[EdgeShapes.key(l, a, b)] |= mask;
                        }
                    }
                }
            });
        }
    }

    private final Finger[] fingers = new Finger[POSITIONS];
    private final int count;
    private final int[] bestFirst;

    FingerQuery(List<PreparedFinger> probe) {
        this(minutiae(probe), qualities(probe));
    }

    /** From minutiae directly (synthetic probes, tests): no sample quality, so fingers go in position order. */
    FingerQuery(Map<FingerPosition, FingerMinutiae> probe, boolean unused) {
        this(probe, Map.of());
    }

    /** From minutiae and each finger's sample quality score (a position without one counts as 0). */
    FingerQuery(Map<FingerPosition, FingerMinutiae> probe, Map<FingerPosition, Double> quality) {
        int n = 0;
        for (Map.Entry<FingerPosition, FingerMinutiae> finger : probe.entrySet()) {
            fingers[finger.getKey().ordinal()] = new Finger(finger.getValue());
            n++;
        }
        count = n;
        // best sample quality first, then position order (stable): the first stage reads these fingers first
        bestFirst = probe.keySet().stream()
                .sorted(Comparator.comparingDouble((FingerPosition p) -> -quality.getOrDefault(p, 0.0))
                        .thenComparing(Comparator.naturalOrder()))
                .mapToInt(FingerPosition::ordinal).toArray();
    }

    private static Map<FingerPosition, Double> qualities(List<PreparedFinger> probe) {
        Map<FingerPosition, Double> out = new EnumMap<>(FingerPosition.class);
        probe.forEach(finger -> {
            if (finger.quality() != null) {
                out.put(finger.position(), finger.quality().score());
            }
        });
        return out;
    }

    /**
     * The probe's finger positions (ordinals), the best sample quality first ({@code FingerQuality} score; position
     * order among equals and where the quality is unknown).
     */
    int[] bestFirst() {
        return bestFirst.clone();
    }

    private static Map<FingerPosition, FingerMinutiae> minutiae(List<PreparedFinger> probe) {
        Map<FingerPosition, FingerMinutiae> out = new EnumMap<>(FingerPosition.class);
        probe.forEach(finger -> out.put(finger.position(), finger.minutiae()));
        return out;
    }

    /** The probe's finger at {@code ordinal} ({@link FingerPosition#ordinal()}), null when it has none there. */
    Finger finger(int ordinal) {
        return fingers[ordinal];
    }

    /** The probe's finger positions (ordinals) in position order. */
    int[] positions() {
        int[] out = new int[count];
        int n = 0;
        for (int p = 0; p < POSITIONS; p++) {
            if (fingers[p] != null) {
                out[n++] = p;
            }
        }
        return out;
    }

    int count() {
        return count;
    }
}
