package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.FingerMinutiae;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bit-sliced rotation vote against a plain one (64 integer counters, one per turn): the same peak, hits and
 * score for every gallery finger and probe, over the sketch alone and over all of a finger's edges, including a
 * finger voting against itself, whose peak needs the highest counter planes. Written for the survivors of mutation
 * testing (PIT kept carry-chain, peak and offset mutants alive: the engine tests rank mates first either way).
 * The full vote reads its own probe table (8 neighbours) and counts chance from the masks' bits; the table is
 * checked against a plain re-statement of how it is built.
 */
class RotationVoteTest {
    @TempDir
    Path dir;

    @Test
    void theBitSlicedVoteEqualsAPlainCountOfEveryTurn() {
        SyntheticFingerprints prints = new SyntheticFingerprints(11);
        int persons = 40;
        FingerMinutiae[] fingers = new FingerMinutiae[persons];
        try (FingerIndex index = FingerIndex.open(dir)) {
            for (int i = 0; i < persons; i++) {
                fingers[i] = FingerMinutiae.parse(prints.finger(i, FingerPosition.RIGHT_INDEX).bytes());
                index.append(Nik.fromLong(SyntheticFingerprints.nikOf(i)), Map.of(FingerPosition.RIGHT_INDEX, fingers[i]));
            }
            int p = FingerPosition.RIGHT_INDEX.ordinal();
            int highPeaks = 0;
            int highSketchPeaks = 0;
            for (int q = 0; q < persons; q += 3) {
                FingerQuery.Finger probe = new FingerQuery.Finger(fingers[q]);
                for (long ordinal = 0; ordinal < persons; ordinal++) {
                    double[] expected = plainVote(index, p, ordinal, probe);
                    assertEquals(expected[0], FingerPreselection.rotationVote(index.edges(p), index.sketches(p),
                            ordinal, probe), 1e-12, "full vote of finger " + ordinal + " for probe " + q);
                    assertEquals(expected[1], FingerPreselection.sketchVote(index.sketches(p), ordinal, probe), 1e-12,
                            "sketch vote of finger " + ordinal + " for probe " + q);
                    if (ordinal == q) {
                        highPeaks += expected[2] >= 128 ? 1 : 0;
                        highSketchPeaks += expected[3] >= 32 ? 1 : 0;
                    }
                }
            }
            assertTrue(highPeaks > 0, "some finger against itself peaks at 128 votes or more (the 8th plane and up)");
            assertTrue(highSketchPeaks > 0, "some sketch against itself peaks at 32 votes or more (the 6th plane and up)");
        }
    }

    @Test
    void theFullVotesTableMarksTheEdgesToEachMinutiasEightNearestNeighbours() {
        FingerMinutiae minutiae = FingerMinutiae.parse(new SyntheticFingerprints(3).finger(1, FingerPosition.LEFT_THUMB)
                .bytes());
        long[] expected = new long[EdgeShapes.KEYS + 1];
        EdgeShapes.edges(minutiae, 8, (length, alpha, beta, direction) -> {
            int d = (int) direction;
            long mask = 0;
            for (int s = -2; s <= 2; s++) {
                mask |= 1L << ((d + s) & 63);
            }
            int l0 = (int) Math.floor(length - 0.5);
            int a0 = (int) Math.floor(alpha - 0.5);
            int b0 = (int) Math.floor(beta - 0.5);
            for (int l = Math.max(0, l0); l <= l0 + 1 && l < EdgeShapes.LENGTH_BINS; l++) {
                for (int a = a0; a <= a0 + 1; a++) {
                    for (int b = b0; b <= b0 + 1; b++) {
                        expected[EdgeShapes.key(l, a, b)] |= mask;
                    }
                }
            }
        });
        FingerQuery.Finger probe = new FingerQuery.Finger(minutiae);
        assertArrayEquals(expected, probe.full);
        assertTrue(Arrays.stream(probe.directions).filter(m -> m != 0).count()
                > Arrays.stream(probe.full).filter(m -> m != 0).count(), "the first stage's table has 10 neighbours");
    }

    /** {full score, sketch score, full peak, sketch peak} counted turn by turn. */
    private static double[] plainVote(FingerIndex index, int p, long ordinal, FingerQuery.Finger probe) {
        MemorySegment sketch = index.sketches(p).record(ordinal);
        MemorySegment edges = index.edges(p).record(ordinal);
        int[] sketchCounts = new int[64];
        int sketchHits = 0;
        int[] counts = new int[64];
        int bins = 0;
        for (int i = 0; i < FingerIndexLayout.SKETCH_EDGES; i++) {
            short key = sketch.get(FingerIndexLayout.SHORT, FingerIndexLayout.SKETCH_KEYS + 2L * i);
            byte direction = sketch.get(ValueLayout.JAVA_BYTE, FingerIndexLayout.SKETCH_DIRECTIONS + i);
            sketchHits += vote(sketchCounts, probe.directions, key, direction);
            bins += fullVote(counts, probe, key, direction);
        }
        int count = edges.get(FingerIndexLayout.SHORT, FingerIndexLayout.EDGE_COUNT);
        for (int i = 0; i < count; i++) {
            bins += fullVote(counts, probe, edges.get(FingerIndexLayout.SHORT, FingerIndexLayout.EDGE_KEYS + 2L * i),
                    edges.get(ValueLayout.JAVA_BYTE, FingerIndexLayout.EDGE_DIRECTIONS + i));
        }
        int peak = 0;
        for (int c : counts) {
            peak = Math.max(peak, c);
        }
        double expected = bins / 64.0 + 1;
        int sketchPeak = 0;
        for (int c : sketchCounts) {
            sketchPeak = Math.max(sketchPeak, c);
        }
        return new double[] {(peak - expected) / Math.sqrt(expected), score(sketchCounts, sketchHits), peak,
                sketchPeak};
    }

    /** Counts one edge into the full vote: @return the turns its probe mask covers (0: the probe lacks the key). */
    private static int fullVote(int[] counts, FingerQuery.Finger probe, short rawKey, byte rawDirection) {
        int key = rawKey & 0xFFFF;
        if (key >= EdgeShapes.KEYS) {
            return 0;
        }
        long turns = Long.rotateRight(probe.full[key], rawDirection & 63);
        for (int turn = 0; turn < 64; turn++) {
            counts[turn] += (int) (turns >>> turn & 1);
        }
        return Long.bitCount(turns);
    }

    /** Counts one sketch edge: @return 1 when the probe has its key (a key's mask is never empty when present). */
    private static int vote(int[] counts, long[] directions, short rawKey, byte rawDirection) {
        int key = rawKey & 0xFFFF;
        if (key >= EdgeShapes.KEYS || directions[key] == 0) {
            return 0;
        }
        long turns = Long.rotateRight(directions[key], rawDirection & 63);
        for (int turn = 0; turn < 64; turn++) {
            counts[turn] += (int) (turns >>> turn & 1);
        }
        return 1;
    }

    private static double score(int[] counts, int hits) {
        int peak = 0;
        for (int c : counts) {
            peak = Math.max(peak, c);
        }
        double expected = hits * (2.0 * FingerQuery.DIRECTION_SPREAD + 1) / EdgeShapes.DIRECTION_BINS + 1;
        return (peak - expected) / Math.sqrt(expected);
    }
}
