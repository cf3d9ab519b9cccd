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
import static id.satunik.index.FingerIndexLayout.PERSON_CRC;
import static id.satunik.index.FingerIndexLayout.PERSON_MASK;
import static id.satunik.index.FingerIndexLayout.PERSON_NIK;
import static id.satunik.index.FingerIndexLayout.PERSON_RECORD_BYTES;
import static id.satunik.index.FingerIndexLayout.SHORT;
import static id.satunik.index.FingerIndexLayout.SKETCH_DIRECTIONS;
import static id.satunik.index.FingerIndexLayout.SKETCH_EDGES;
import static id.satunik.index.FingerIndexLayout.SKETCH_KEYS;
import static id.satunik.index.FingerIndexLayout.SKETCH_MAGIC;
import static id.satunik.index.FingerIndexLayout.SKETCH_RECORD_BYTES;
import static id.satunik.index.FingerIndexLayout.NO_EDGE;
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
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The compact, memory-mapped finger index: per person ordinal, the NIK and which fingers it has
 * ({@code fingers.persons}), and per finger position two files of fixed records with the finger's quantized
 * edges, 1 KiB a finger together: its sketch ({@code fingers-right-thumb.sketch}, the first stage's input) and its
 * other edges ({@code fingers-right-thumb.edges}), created with the first finger of their position. What the
 * pre-selection scan reads; SourceAFIS templates stay in the person store. See {@link FingerIndexLayout}.
 *
 * <p>Opening maps the files and reads nothing per person, so a store of millions opens in milliseconds and the
 * heap does not grow with the gallery. It checks what it can without reading per person, as the iris files are
 * checked: every file's header and store id, the counts against the file sizes, and the first and last persons'
 * checksums (each person record ends in a CRC32C over itself and the person's edge records); {@link #verifyRecords}
 * checks every person for {@code satunik verify-store}.
 *
 * <p>Thread-safety: one writer at a time ({@link #append} is synchronized; the engine also holds its enrollment
 * lock) and any number of concurrent readers, each seeing a consistent prefix of persons.
 */
final class FingerIndex implements AutoCloseable {
    static final String PERSONS_FILE = "fingers.persons";
    private static final int POSITIONS = FingerPosition.values().length;

    private final Path directory;
    private final UUID store;
    private final MappedRecords persons;
    private final MappedRecords[] edges = new MappedRecords[POSITIONS];
    private final MappedRecords[] sketches = new MappedRecords[POSITIONS];

    private FingerIndex(Path directory, UUID store, MappedRecords persons) {
        this.directory = directory;
        this.store = store;
        this.persons = persons;
    }

    /** Opens or creates the index in {@code directory} without an identity check (tests, benchmarks). */
    static FingerIndex open(Path directory) {
        return open(directory, null, true);
    }

    /**
     * Opens the index of a store: every file must carry {@code store}'s id (a new file takes it).
     *
     * @param mayCreate false for an existing store: a missing or empty persons file is damage, not a new index
     * @throws IllegalStateException naming the file and what is wrong
     */
    static FingerIndex open(Path directory, UUID store, boolean mayCreate) {
        Path personsFile = directory.resolve(PERSONS_FILE);
        if (!mayCreate && !Files.exists(personsFile)) {
            throw new IllegalStateException("finger index is damaged: " + personsFile + " is missing beside the store's "
                    + "other files (deleted?); satunik repair rebuilds it from the person store");
        }
        FingerIndex index = new FingerIndex(directory, store, MappedRecords.open(personsFile, PERSONS_MAGIC, VERSION,
                PERSON_RECORD_BYTES, 0, "finger index", store, mayCreate));
        try {
            for (FingerPosition position : FingerPosition.values()) {
                if (Files.exists(fileOf(directory, position)) || Files.exists(sketchOf(directory, position))) {
                    index.openPosition(position, false);
                }
            }
            long size = index.size();
            // The first and last person: a position file lost or cut short beside its persons file shows there
            // (mapped files grow by whole chunks, so the last person's records are the ones a cut would remove).
            for (long ordinal : new long[] {0, size - 1}) {
                if (ordinal >= 0 && ordinal < size) {
                    index.check(ordinal);
                }
            }
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
        return index;
    }

    /** @throws IllegalStateException naming the file when person {@code ordinal}'s records are missing or damaged */
    private void check(long ordinal) {
        int mask = maskAt(ordinal);
        for (int p = 0; p < POSITIONS; p++) {
            if ((mask & (1 << p)) == 0) {
                continue;
            }
            FingerPosition position = FingerPosition.values()[p];
            for (MappedRecords file : new MappedRecords[] {edges[p], sketches[p]}) {
                if (file == null || ordinal >= file.committed()) {
                    // a position's two files are opened together (openPosition), so a null one means both missing
                    Path path = file == null ? fileOf(directory, position) : file.path();
                    throw new IllegalStateException("finger index is damaged: person " + ordinal + " has a "
                            + position + " finger that " + path + (file == null ? " (missing) does not hold"
                            : " does not hold (the file holds " + file.committed() + " records; truncated?)"));
                }
            }
        }
        int stored = persons.chunk(ordinal).get(INT, persons.offset(ordinal) + PERSON_CRC);
        if (stored != checksum(ordinal, mask)) {
            throw new IllegalStateException("finger index is damaged: person " + ordinal + " (NIK " + nikAt(ordinal)
                    + ") fails its checksum over " + persons.path() + " and its edge files "
                    + positionFiles(mask) + "; satunik repair rebuilds the index from the person store");
        }
    }

    private List<String> positionFiles(int mask) {
        List<String> names = new java.util.ArrayList<>();
        for (int p = 0; p < POSITIONS; p++) {
            if ((mask & (1 << p)) != 0) {
                names.add(fileOf(directory, FingerPosition.values()[p]).getFileName().toString());
                names.add(sketchOf(directory, FingerPosition.values()[p]).getFileName().toString());
            }
        }
        return names;
    }

    /** CRC32C of the person record's NIK and mask, then of each of its edge records in position order. */
    private int checksum(long ordinal, int mask) {
        CRC32C crc = new CRC32C();
        crc.update(persons.record(ordinal).asSlice(0, PERSON_CRC).asByteBuffer());
        for (int p = 0; p < POSITIONS; p++) {
            if ((mask & (1 << p)) != 0) {
                crc.update(edges[p].record(ordinal).asByteBuffer());
                crc.update(sketches[p].record(ordinal).asByteBuffer());
            }
        }
        return (int) crc.getValue();
    }

    /**
     * verify-store: every person's records are present and pass their checksum.
     *
     * @throws IllegalStateException naming the file and person of the first damaged one
     */
    void verifyRecords() {
        long size = size();
        for (long ordinal = 0; ordinal < size; ordinal++) {
            check(ordinal);
        }
    }

    static Path fileOf(Path directory, FingerPosition position) {
        return positionFile(directory, position, ".edges");
    }

    /** The sketch file of a position: what the first stage of the pre-selection reads. */
    static Path sketchOf(Path directory, FingerPosition position) {
        return positionFile(directory, position, ".sketch");
    }

    private static Path positionFile(Path directory, FingerPosition position, String suffix) {
        return directory.resolve("fingers-" + position.name().toLowerCase(Locale.ROOT).replace('_', '-') + suffix);
    }

    /** Opens (or creates) both files of a position; a missing one beside an existing one is damage. */
    private void openPosition(FingerPosition position, boolean mayCreate) {
        int p = position.ordinal();
        if (!mayCreate) {
            for (Path path : List.of(fileOf(directory, position), sketchOf(directory, position))) {
                if (!Files.exists(path)) {
                    throw new IllegalStateException("finger index is damaged: " + path + " is missing beside the "
                            + "other file of its position; satunik repair rebuilds the index from the person store");
                }
            }
        }
        edges[p] = MappedRecords.open(fileOf(directory, position), EDGES_MAGIC, VERSION, EDGE_RECORD_BYTES,
                position.code(), "finger index", store, mayCreate);
        try {
            sketches[p] = MappedRecords.open(sketchOf(directory, position), SKETCH_MAGIC, VERSION,
                    SKETCH_RECORD_BYTES, position.code(), "finger index", store, mayCreate);
        } catch (RuntimeException e) {
            edges[p].close();
            edges[p] = null;
            throw e;
        }
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

    /** The edge file of a position (a finger's edges outside its sketch), null when no one has that finger. */
    MappedRecords edges(int positionOrdinal) {
        return edges[positionOrdinal];
    }

    /** The sketch file of a position, null when no one has that finger. */
    MappedRecords sketches(int positionOrdinal) {
        return sketches[positionOrdinal];
    }

    /**
     * Appends a person: the edge records of each finger first, then the person record, then the count that makes
     * all of it visible.
     *
     * @return the person's ordinal (its slot in every file)
     */
    synchronized long append(Nik nik, Map<FingerPosition, FingerMinutiae> fingers) {
        return write(persons.committed(), nik.toLong(), fingers);
    }

    /**
     * Appends a person at {@code ordinal} (at or after the current end), the ordinals between written as empty
     * persons (no finger: never proposed): for {@code satunik repair}, which rebuilds the index at the ordinals the
     * person store names.
     */
    synchronized void appendAt(long ordinal, Nik nik, Map<FingerPosition, FingerMinutiae> fingers) {
        if (ordinal < persons.committed()) {
            throw new IllegalArgumentException("ordinal " + ordinal + " is below the index's end " + persons.committed());
        }
        for (long hole = persons.committed(); hole < ordinal; hole++) {
            write(hole, 0, Map.of());
        }
        write(ordinal, nik.toLong(), fingers);
    }

    private long write(long ordinal, long nik, Map<FingerPosition, FingerMinutiae> fingers) {
        int[] minutiae = new int[POSITIONS];
        short[][] keys = new short[POSITIONS][];
        byte[][] directions = new byte[POSITIONS][];
        int[] counts = new int[POSITIONS];
        for (Map.Entry<FingerPosition, FingerMinutiae> finger : fingers.entrySet()) {
            int p = finger.getKey().ordinal();
            minutiae[p] = finger.getValue().count();
            keys[p] = new short[SKETCH_EDGES + EDGE_CAPACITY];
            directions[p] = new byte[SKETCH_EDGES + EDGE_CAPACITY];
            counts[p] = EdgeShapes.galleryEdges(finger.getValue(), keys[p].length, keys[p], directions[p]);
        }
        return write(ordinal, nik, minutiae, keys, directions, counts);
    }

    /**
     * Appends a person from its fingers' edges as {@link EdgeShapes#galleryEdges} gives them (sorted by length),
     * arrays indexed by position ordinal, null where the person has no finger: for tools that move an index of an
     * older layout into this one without parsing templates again.
     */
    synchronized long appendEdges(long nik, int[] minutiae, short[][] keys, byte[][] directions, int[] counts) {
        return write(persons.committed(), nik, minutiae, keys, directions, counts);
    }

    /** Writes each finger's records (arrays indexed by position ordinal, null where none), then the person record. */
    private long write(long ordinal, long nik, int[] minutiae, short[][] keys, byte[][] directions, int[] counts) {
        int mask = 0;
        for (int p = 0; p < POSITIONS; p++) {
            if (keys[p] == null) {
                continue;
            }
            if (edges[p] == null) {
                openPosition(FingerPosition.values()[p], true);
            }
            writeFinger(p, ordinal, minutiae[p], keys[p], directions[p], counts[p]);
            mask |= 1 << p;
        }
        return commitPerson(ordinal, nik, mask);
    }

    /** Writes the person record, then the count that makes the person visible. */
    private long commitPerson(long ordinal, long nik, int mask) {
        MemorySegment chunk = persons.chunkForWrite(ordinal);
        long base = persons.offset(ordinal);
        chunk.set(LONG, base + PERSON_NIK, nik);
        chunk.set(INT, base + PERSON_MASK, mask);
        chunk.set(INT, base + PERSON_CRC, checksum(ordinal, mask));
        persons.commit(ordinal + 1);
        return ordinal;
    }

    /**
     * Writes one finger's records at {@code ordinal}: edges {@code sketchStart .. +SKETCH_EDGES} of the
     * length-sorted {@code keys}/{@code directions} to the sketch file, the others, in order, to the edge file.
     */
    private void writeFinger(int p, long ordinal, int minutiae, short[] keys, byte[] directions, int count) {
        int start = FingerIndexLayout.sketchStart(count);
        int inSketch = Math.min(SKETCH_EDGES, count - start);
        MemorySegment sketch = sketches[p].chunkForWrite(ordinal);
        long at = sketches[p].offset(ordinal);
        for (int i = 0; i < SKETCH_EDGES; i++) {
            sketch.set(SHORT, at + SKETCH_KEYS + 2L * i, (short) (i < inSketch ? keys[start + i] : NO_EDGE));
            sketch.set(ValueLayout.JAVA_BYTE, at + SKETCH_DIRECTIONS + i, i < inSketch ? directions[start + i] : 0);
        }
        MemorySegment chunk = edges[p].chunkForWrite(ordinal);
        long base = edges[p].offset(ordinal);
        int rest = count - inSketch;
        chunk.set(SHORT, base + EDGE_COUNT, (short) rest);
        chunk.set(SHORT, base + EDGE_MINUTIAE, (short) Math.min(minutiae, 0xFFFF));
        MemorySegment.copy(keys, 0, chunk, SHORT, base + EDGE_KEYS, start);
        MemorySegment.copy(keys, start + inSketch, chunk, SHORT, base + EDGE_KEYS + 2L * start, rest - start);
        MemorySegment.copy(directions, 0, chunk, ValueLayout.JAVA_BYTE, base + EDGE_DIRECTIONS, start);
        MemorySegment.copy(directions, start + inSketch, chunk, ValueLayout.JAVA_BYTE, base + EDGE_DIRECTIONS + start,
                rest - start);
        // zero the slots after the edges: a record's bytes depend on its finger alone, not on what an append that
        // never committed left at that ordinal
        chunk.asSlice(base + EDGE_KEYS + 2L * rest, 2L * (EDGE_CAPACITY - rest)).fill((byte) 0);
        chunk.asSlice(base + EDGE_DIRECTIONS + rest, EDGE_CAPACITY - rest).fill((byte) 0);
        sketches[p].commit(Math.max(sketches[p].committed(), ordinal + 1));
        edges[p].commit(Math.max(edges[p].committed(), ordinal + 1));
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
        for (int p = 0; p < POSITIONS; p++) {
            for (MappedRecords file : new MappedRecords[] {sketches[p], edges[p]}) {
                if (file != null) {
                    out.put(file.path().getFileName().toString(), file.bytes());
                }
            }
        }
        return out;
    }

    void flush() {
        persons.flush();
        for (int p = 0; p < POSITIONS; p++) {
            for (MappedRecords file : new MappedRecords[] {edges[p], sketches[p]}) {
                if (file != null) {
                    file.flush();
                }
            }
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (int p = 0; p < POSITIONS; p++) {
            for (MappedRecords file : new MappedRecords[] {edges[p], sketches[p]}) {
                if (file != null) {
                    try {
                        file.close();
                    } catch (RuntimeException e) {
                        failure = failure == null ? e : failure;
                    }
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
