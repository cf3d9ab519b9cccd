package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.FingerMinutiae;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bit-sliced rotation vote against a plain one (64 integer counters, one per turn): the same peak, hits and
 * score for every gallery finger and probe, over the sketch alone and over all of a finger's edges, including a
 * finger voting against itself, whose peak needs the highest counter planes. Written for the survivors of mutation
 * testing (PIT kept carry-chain, peak and offset mutants alive: the engine tests rank mates first either way).
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
                    }
                }
            }
            assertTrue(highPeaks > 0, "some finger against itself peaks at 128 votes or more (the 8th plane and up)");
        }
    }

    /** {full score, sketch score, full peak} counted turn by turn. */
    private static double[] plainVote(FingerIndex index, int p, long ordinal, FingerQuery.Finger probe) {
        MemorySegment sketch = index.sketches(p).record(ordinal);
        MemorySegment edges = index.edges(p).record(ordinal);
        int[] counts = new int[64];
        int hits = 0;
        for (int i = 0; i < FingerIndexLayout.SKETCH_EDGES; i++) {
            hits += vote(counts, probe, sketch.get(FingerIndexLayout.SHORT, FingerIndexLayout.SKETCH_KEYS + 2L * i),
                    sketch.get(ValueLayout.JAVA_BYTE, FingerIndexLayout.SKETCH_DIRECTIONS + i));
        }
        double sketchScore = score(counts, hits);
        int count = edges.get(FingerIndexLayout.SHORT, FingerIndexLayout.EDGE_COUNT);
        for (int i = 0; i < count; i++) {
            hits += vote(counts, probe, edges.get(FingerIndexLayout.SHORT, FingerIndexLayout.EDGE_KEYS + 2L * i),
                    edges.get(ValueLayout.JAVA_BYTE, FingerIndexLayout.EDGE_DIRECTIONS + i));
        }
        int peak = 0;
        for (int c : counts) {
            peak = Math.max(peak, c);
        }
        return new double[] {score(counts, hits), sketchScore, peak};
    }

    private static int vote(int[] counts, FingerQuery.Finger probe, short rawKey, byte rawDirection) {
        int key = rawKey & 0xFFFF;
        if (key >= EdgeShapes.KEYS || (probe.present[key >>> 6] >>> key & 1) == 0) {
            return 0;
        }
        long turns = Long.rotateRight(probe.directions[key], rawDirection & 63);
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
