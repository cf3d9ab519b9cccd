package id.satunik.index;

import static id.satunik.index.FingerIndexLayout.EDGES_MAGIC;
import static id.satunik.index.FingerIndexLayout.EDGE_CAPACITY;
import static id.satunik.index.FingerIndexLayout.EDGE_COUNT;
import static id.satunik.index.FingerIndexLayout.EDGE_DIRECTIONS;
import static id.satunik.index.FingerIndexLayout.EDGE_KEYS;
import static id.satunik.index.FingerIndexLayout.EDGE_MINUTIAE;
import static id.satunik.index.FingerIndexLayout.EDGE_RECORD_BYTES;
import static id.satunik.index.FingerIndexLayout.INT;
import static id.satunik.index.FingerIndexLayout.LONG;
import static id.satunik.index.FingerIndexLayout.PERSONS_MAGIC;
import static id.satunik.index.FingerIndexLayout.PERSON_MASK;
import static id.satunik.index.FingerIndexLayout.PERSON_NIK;
import static id.satunik.index.FingerIndexLayout.PERSON_RECORD_BYTES;
import static id.satunik.index.FingerIndexLayout.SHORT;
import static id.satunik.index.FingerIndexLayout.VERSION;

import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.FingerMinutiae;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compact, memory-mapped finger index: per person ordinal, the NIK and which fingers it has
 * ({@code fingers.persons}), and per finger position a file of fixed 1 KiB records with the finger's quantized
 * edges ({@code fingers-right-thumb.edges}, …, created with the first finger of their position). What the
 * pre-selection scan reads; SourceAFIS templates stay in the person store. See {@link FingerIndexLayout}.
 *
 * <p>Opening maps the files and reads nothing per person, so a store of millions opens in milliseconds and the
 * heap does not grow with the gallery.
 *
 * <p>Thread-safety: one writer at a time ({@link #append} is synchronized; the engine also holds its enrollment
 * lock) and any number of concurrent readers, each seeing a consistent prefix of persons.
 */
final class FingerIndex implements AutoCloseable {
    static final String PERSONS_FILE = "fingers.persons";
    private static final int POSITIONS = FingerPosition.values().length;

    private final Path directory;
    private final MappedRecords persons;
    private final MappedRecords[] edges = new MappedRecords[POSITIONS];

    private FingerIndex(Path directory, MappedRecords persons) {
        this.directory = directory;
        this.persons = persons;
    }

    static FingerIndex open(Path directory) {
        FingerIndex index = new FingerIndex(directory, MappedRecords.open(directory.resolve(PERSONS_FILE),
                PERSONS_MAGIC, VERSION, PERSON_RECORD_BYTES, 0, "finger index"));
        try {
            for (FingerPosition position : FingerPosition.values()) {
                if (Files.exists(fileOf(directory, position))) {
                    index.edges[position.ordinal()] = openEdges(directory, position);
                }
            }
            long size = index.size();
            // The first and last person: a position file lost or cut short beside its persons file shows there
            // (mapped files grow by whole chunks, so the last person's records are the ones a cut would remove).
            for (long ordinal : new long[] {0, size - 1}) {
                if (ordinal >= 0 && ordinal < size && index.maskAt(ordinal) != 0) {
                    index.checkPresent(ordinal, index.maskAt(ordinal));
                }
            }
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
        return index;
    }

    private void checkPresent(long ordinal, int mask) {
        for (int p = 0; p < POSITIONS; p++) {
            if ((mask & (1 << p)) != 0 && (edges[p] == null || !edges[p].mapped(ordinal))) {
                throw new IllegalStateException("finger index is damaged: person " + ordinal + " has a "
                        + FingerPosition.values()[p] + " finger that " + fileOf(directory, FingerPosition.values()[p])
                        + " does not hold");
            }
        }
    }

    static Path fileOf(Path directory, FingerPosition position) {
        return directory.resolve("fingers-" + position.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".edges");
    }

    private static MappedRecords openEdges(Path directory, FingerPosition position) {
        return MappedRecords.open(fileOf(directory, position), EDGES_MAGIC, VERSION, EDGE_RECORD_BYTES,
                position.code(), "finger index");
    }

    /** Persons committed; every ordinal below it is complete. */
    long size() {
        return persons.committed();
    }

    long nikAt(long ordinal) {
        return persons.chunk(ordinal).get(LONG, persons.offset(ordinal) + PERSON_NIK);
    }

    /** Bit {@code p} set when person {@code ordinal} has the finger of ordinal {@code p}. */
    int maskAt(long ordinal) {
        return persons.chunk(ordinal).get(INT, persons.offset(ordinal) + PERSON_MASK);
    }

    /** The edge file of a position, null when no one has that finger. */
    MappedRecords edges(int positionOrdinal) {
        return edges[positionOrdinal];
    }

    /**
     * Appends a person: the edge records of each finger first, then the person record, then the count that makes
     * all of it visible.
     *
     * @return the person's ordinal (its slot in every file)
     */
    synchronized long append(Nik nik, Map<FingerPosition, FingerMinutiae> fingers) {
        long ordinal = persons.committed();
        int mask = 0;
        short[] keys = new short[EDGE_CAPACITY];
        byte[] directions = new byte[EDGE_CAPACITY];
        for (Map.Entry<FingerPosition, FingerMinutiae> finger : fingers.entrySet()) {
            int p = finger.getKey().ordinal();
            if (edges[p] == null) {
                edges[p] = openEdges(directory, finger.getKey());
            }
            int count = EdgeShapes.galleryEdges(finger.getValue(), EDGE_CAPACITY, keys, directions);
            MemorySegment chunk = edges[p].chunkForWrite(ordinal);
            long base = edges[p].offset(ordinal);
            chunk.set(SHORT, base + EDGE_COUNT, (short) count);
            chunk.set(SHORT, base + EDGE_MINUTIAE, (short) Math.min(finger.getValue().count(), 0xFFFF));
            MemorySegment.copy(keys, 0, chunk, SHORT, base + EDGE_KEYS, count);
            MemorySegment.copy(directions, 0, chunk, ValueLayout.JAVA_BYTE, base + EDGE_DIRECTIONS, count);
            edges[p].commit(Math.max(edges[p].committed(), ordinal + 1));
            mask |= 1 << p;
        }
        MemorySegment chunk = persons.chunkForWrite(ordinal);
        long base = persons.offset(ordinal);
        chunk.set(LONG, base + PERSON_NIK, nik.toLong());
        chunk.set(INT, base + PERSON_MASK, mask);
        persons.commit(ordinal + 1);
        return ordinal;
    }

    /** Fingers over all committed persons (reads the 16-byte person records). */
    long fingers() {
        long n = 0;
        long size = size();
        for (long ordinal = 0; ordinal < size; ordinal++) {
            n += Integer.bitCount(maskAt(ordinal));
        }
        return n;
    }

    /** The index files and their bytes (header and records in use). */
    Map<String, Long> files() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(PERSONS_FILE, persons.bytes());
        for (MappedRecords file : edges) {
            if (file != null) {
                out.put(file.path().getFileName().toString(), file.bytes());
            }
        }
        return out;
    }

    void flush() {
        persons.flush();
        for (MappedRecords file : edges) {
            if (file != null) {
                file.flush();
            }
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (MappedRecords file : edges) {
            if (file != null) {
                try {
                    file.close();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        persons.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** For tests: the fingers of a person as {@link List} of positions. */
    List<FingerPosition> positionsAt(long ordinal) {
        int mask = maskAt(ordinal);
        return java.util.Arrays.stream(FingerPosition.values()).filter(p -> (mask & (1 << p.ordinal())) != 0).toList();
    }
}
