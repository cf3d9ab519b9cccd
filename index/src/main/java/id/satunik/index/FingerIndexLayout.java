package id.satunik.index;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The byte layout of the finger index files (little-endian), apart from the code that reads and writes them.
 *
 * <pre>
 * fingers.persons         header (4 KiB) | one 16-byte record per person ordinal:
 *                         nik i64 | finger mask i32 (bit = FingerPosition ordinal) | crc u32
 *                         (CRC32C of the nik and mask, then of the person's edge and sketch records in position order)
 * fingers-POSITION.sketch header (4 KiB) | one {@value #SKETCH_RECORD_BYTES}-byte record per person ordinal: the
 *                         finger's sketch, a run of {@value #SKETCH_EDGES} mid-length edges (from
 *                         {@value #SKETCH_FROM_PERCENT} % of the length-sorted edges), all the first stage of the
 *                         pre-selection reads: keys u16[{@value #SKETCH_EDGES}] | directions u8[{@value #SKETCH_EDGES}];
 *                         unused slots hold key {@link #NO_EDGE}
 * fingers-POSITION.edges  header (4 KiB) | one {@value #EDGE_RECORD_BYTES}-byte record per person ordinal: the
 *                         finger's other edges: count u16 | minutiae u16 | keys u16[{@value #EDGE_CAPACITY}]
 *                         | directions u8[{@value #EDGE_CAPACITY}]
 * header                  magic i64 | version i32 | record bytes i32 | position code i32 | ... | count i64 at 64
 *                         | store id (UUID, two i64) at 128, as in the iris files
 * </pre>
 *
 * A finger takes {@value #SKETCH_RECORD_BYTES} + {@value #EDGE_RECORD_BYTES} = 1,024 bytes, up to
 * {@value #SKETCH_EDGES} + {@value #EDGE_CAPACITY} = 340 edges. The sketch is a file of its own so that the first
 * stage, which reads every finger of the gallery, reads a dense file a sixth the size of the index (sequentially,
 * and small enough to stay in the page cache) instead of three cache lines out of every 1 KiB record.
 *
 * Version 2 (issue 9) added the store id and the person record's CRC; version 3 split each finger into its sketch
 * and the other edges (version 2 kept all of a finger's edges in one 1 KiB record of the edges file). An index of an
 * older version is refused at open; {@code satunik repair} rebuilds it from the person store.
 *
 * The person ordinal is the record's slot in every file, so one scan reads the fingers of one person at the same
 * slot of each position file. Only the persons file's count commits: it is written last, with release semantics,
 * after the person's edge records, so a crash leaves a consistent prefix; a position file's record counts only
 * when its bit is set in the committed person's mask (records of an append that never committed are ignored and
 * overwritten). Stateless.
 */
final class FingerIndexLayout {
    static final int HEADER_BYTES = 4096;
    static final long COUNT_OFFSET = 64;
    static final int VERSION = 3;
    static final long PERSONS_MAGIC = 0x534E5246_55544153L; // "SATUFRNS"
    static final long EDGES_MAGIC = 0x53454744_55544153L;   // "SATUDGES"
    static final long SKETCH_MAGIC = 0x4843544B_55544153L;  // "SATUKTCH"

    static final int PERSON_RECORD_BYTES = 16;
    static final int PERSON_NIK = 0;
    static final int PERSON_MASK = 8;
    static final int PERSON_CRC = 12;

    /** Edges of a finger's sketch: one run of keys (128 bytes, two cache lines) and of directions (one). */
    static final int SKETCH_EDGES = 64;
    /**
     * Where the sketch starts among the finger's edges (sorted by length), in percent. Not at the shortest: there
     * the spurious minutia pairs of poor prints crowd, and a probe covers nearly every short key, so a hit says
     * little (measured over the eight FVC sets planted as ten-finger persons, docs/benchmarks.md).
     */
    static final int SKETCH_FROM_PERCENT = 30;
    static final int SKETCH_KEYS = 0;
    static final int SKETCH_DIRECTIONS = 2 * SKETCH_EDGES;
    static final int SKETCH_RECORD_BYTES = 3 * SKETCH_EDGES;
    /** The key of an unused sketch slot: past every real key, so no probe has it. */
    static final int NO_EDGE = EdgeShapes.KEYS;

    /** A finger's edges outside its sketch: with the sketch, 1 KiB a finger (≤ 1 KB per finger in the index). */
    static final int EDGE_CAPACITY = 276;
    static final int EDGE_COUNT = 0;
    static final int EDGE_MINUTIAE = 2;
    static final int EDGE_KEYS = 4;
    static final int EDGE_DIRECTIONS = EDGE_KEYS + 2 * EDGE_CAPACITY;
    static final int EDGE_RECORD_BYTES = 832;

    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static {
        if (EDGE_DIRECTIONS + EDGE_CAPACITY > EDGE_RECORD_BYTES || NO_EDGE > 0xFFFF) {
            throw new AssertionError("edge record overflows");
        }
    }

    private FingerIndexLayout() {
    }

    /** The first of a finger's {@code edges} (sorted by length) that its sketch holds. */
    static int sketchStart(int edges) {
        return Math.max(0, Math.min(edges - SKETCH_EDGES, edges * SKETCH_FROM_PERCENT / 100));
    }
}
