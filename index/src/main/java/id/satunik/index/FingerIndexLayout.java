package id.satunik.index;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The byte layout of the finger index files (little-endian), apart from the code that reads and writes them.
 *
 * <pre>
 * fingers.persons        header (4 KiB) | one 16-byte record per person ordinal:
 *                        nik i64 | finger mask i32 (bit = FingerPosition ordinal) | crc u32
 *                        (CRC32C of the nik and mask, then of the person's edge records in position order)
 * fingers-POSITION.edges header (4 KiB) | one {@value #EDGE_RECORD_BYTES}-byte record per person ordinal:
 *                        edges u16 | minutiae u16 | keys u16[{@value #EDGE_CAPACITY}] | directions u8[{@value #EDGE_CAPACITY}] | pad
 * header                 magic i64 | version i32 | record bytes i32 | position code i32 | ... | count i64 at 64
 *                        | store id (UUID, two i64) at 128, as in the iris files
 * </pre>
 *
 * Version 2 (issue 9) added the store id and the person record's CRC in the formerly reserved field; the record
 * sizes and offsets are those of version 1. A version 1 index is refused at open; {@code satunik repair} rebuilds it
 * from the person store.
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
    static final int VERSION = 2;
    static final long PERSONS_MAGIC = 0x534E5246_55544153L; // "SATUFRNS"
    static final long EDGES_MAGIC = 0x53454744_55544153L;   // "SATUDGES"

    static final int PERSON_RECORD_BYTES = 16;
    static final int PERSON_NIK = 0;
    static final int PERSON_MASK = 8;
    static final int PERSON_CRC = 12;

    /** Edges kept per finger: 1 KiB a finger with the header fields (≤ 1 KB per finger in the mapped index). */
    static final int EDGE_CAPACITY = 340;
    static final int EDGE_COUNT = 0;
    static final int EDGE_MINUTIAE = 2;
    static final int EDGE_KEYS = 4;
    static final int EDGE_DIRECTIONS = EDGE_KEYS + 2 * EDGE_CAPACITY;
    static final int EDGE_RECORD_BYTES = 1024;

    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static {
        if (EDGE_DIRECTIONS + EDGE_CAPACITY > EDGE_RECORD_BYTES) {
            throw new AssertionError("edge record overflows");
        }
    }

    private FingerIndexLayout() {
    }
}
