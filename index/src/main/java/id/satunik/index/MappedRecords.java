package id.satunik.index;

import static id.satunik.index.FingerIndexLayout.COUNT_OFFSET;
import static id.satunik.index.FingerIndexLayout.HEADER_BYTES;
import static id.satunik.index.FingerIndexLayout.INT;
import static id.satunik.index.FingerIndexLayout.LONG;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file of fixed-size records mapped into memory in chunks of {@value #CHUNK_RECORDS} records: a 4 KiB header
 * (magic, version, record size, a tag, a committed count, the store id as the iris files carry it), then record
 * {@code slot} at a fixed offset. Opening maps
 * the file and parses nothing else, whatever its size; a new chunk is mapped when writes reach it, and mapped
 * chunks never move.
 *
 * <p>Thread-safety: one writer (callers serialise {@link #slot} writes for new slots and {@link #commit}); any number
 * of readers, which see every record below the count they read with {@link #committed()} fully written (the count
 * is published with a release store after the records).
 */
final class MappedRecords implements AutoCloseable {
    static final int CHUNK_RECORDS = 1 << 16;
    /** The store id (two longs, 0/0 when none was written), at the offset the iris files keep it. */
    static final long STORE_ID_OFFSET = 128;
    private static final VarHandle COUNT = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private final Path path;
    private final int recordBytes;
    private final long chunkBytes;
    private final FileChannel channel;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment header;
    private volatile MemorySegment[] chunks = new MemorySegment[0];
    private volatile long committed;

    private MappedRecords(Path path, int recordBytes, FileChannel channel) throws IOException {
        this.path = path;
        this.recordBytes = recordBytes;
        this.chunkBytes = (long) CHUNK_RECORDS * recordBytes;
        this.channel = channel;
        this.header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES, arena);
    }

    /**
     * Opens or creates the file.
     *
     * @param what words for error messages ("finger index")
     * @param tag  an int the header must carry (e.g. the finger position), written when the file is new
     */
    static MappedRecords open(Path path, long magic, int version, int recordBytes, int tag, String what) {
        return open(path, magic, version, recordBytes, tag, what, null, true);
    }

    /**
     * Opens the file of a store, as {@link IrisCodeFile} does: a new file takes {@code store}'s id; an existing one
     * must carry it.
     *
     * @param store     the store's id, null: not checked (tests, benchmarks)
     * @param mayCreate false when opening a file found in the store: an empty one is damage, not a new file
     * @throws IllegalStateException naming the file and what is wrong
     */
    static MappedRecords open(Path path, long magic, int version, int recordBytes, int tag, String what,
                              java.util.UUID store, boolean mayCreate) {
        FileChannel channel = null;
        MappedRecords file = null;
        try {
            boolean existed = Files.exists(path);
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long size = channel.size();
            if (size == 0 && existed && !mayCreate) {
                throw new IllegalStateException(what + " is damaged: the file is empty (truncated?): " + path);
            }
            if (size != 0 && size < HEADER_BYTES) {
                throw new IllegalStateException(what + " is damaged (shorter than its header): " + path);
            }
            file = new MappedRecords(path, recordBytes, channel);
            if (size == 0) {
                file.header.set(LONG, 0, magic);
                file.header.set(INT, 8, version);
                file.header.set(INT, 12, recordBytes);
                file.header.set(INT, 16, tag);
                COUNT.setRelease(file.header, COUNT_OFFSET, 0L);
                file.header.force();
            } else {
                file.check(magic, version, tag, what);
            }
            if (store != null) {
                file.checkIdentity(store, size == 0, what);
            }
            long stored = (long) COUNT.getAcquire(file.header, COUNT_OFFSET);
            long available = Math.max(0, channel.size() - HEADER_BYTES) / recordBytes;
            if (stored < 0 || stored > available) {
                throw new IllegalStateException(what + " is damaged: its header counts " + stored
                        + " records, the file holds " + available + ": " + path);
            }
            int needed = (int) Math.max(1, (available + CHUNK_RECORDS - 1) / CHUNK_RECORDS);
            MemorySegment[] mapped = new MemorySegment[needed];
            for (int i = 0; i < needed; i++) {
                mapped[i] = file.map(i);
            }
            file.chunks = mapped;
            file.committed = stored;
            return file;
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                file.abandon();
            } else if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the first error is the one to report
                }
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open " + what + " " + path + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private void check(long magic, int version, int tag, String what) {
        if (header.get(LONG, 0) != magic) {
            throw new IllegalStateException("not a SatuNIK " + what + " (bad magic): " + path);
        }
        if (header.get(INT, 8) != version) {
            throw new IllegalStateException(what + " format version " + header.get(INT, 8) + ", this build reads "
                    + version + ": " + path + " (satunik repair rebuilds it from the person store)");
        }
        if (header.get(INT, 12) != recordBytes || header.get(INT, 16) != tag) {
            throw new IllegalStateException(what + " has records of " + header.get(INT, 12) + " bytes, tag "
                    + header.get(INT, 16) + "; expected " + recordBytes + ", " + tag + ": " + path);
        }
    }

    private void checkIdentity(java.util.UUID store, boolean fresh, String what) {
        java.util.UUID own = storeId();
        if (fresh) {
            adopt(store);
        } else if (own == null) {
            throw new IllegalStateException(what + " " + path + " carries no store identity (its header was damaged;"
                    + " satunik repair rebuilds it)");
        } else if (!own.equals(store)) {
            throw new IllegalStateException(what + " " + path + " belongs to store " + own + ", not to this store "
                    + store + " (a file copied in from another store?)");
        }
    }

    /** The store id in the header, null when none was written. */
    java.util.UUID storeId() {
        long high = header.get(LONG, STORE_ID_OFFSET);
        long low = header.get(LONG, STORE_ID_OFFSET + 8);
        return high == 0 && low == 0 ? null : new java.util.UUID(high, low);
    }

    /** Writes {@code store}'s id into the header (a new file). */
    void adopt(java.util.UUID store) {
        header.set(LONG, STORE_ID_OFFSET, store.getMostSignificantBits());
        header.set(LONG, STORE_ID_OFFSET + 8, store.getLeastSignificantBits());
        header.force();
    }

    /** The {@code recordBytes} of {@code slot}, for checksums (read-only view). */
    MemorySegment record(long slot) {
        return chunk(slot).asSlice(offset(slot), recordBytes);
    }

    private MemorySegment map(int chunk) throws IOException {
        return channel.map(FileChannel.MapMode.READ_WRITE, HEADER_BYTES + chunk * chunkBytes, chunkBytes, arena);
    }

    Path path() {
        return path;
    }

    /** Records committed: read once, every record below it is complete. */
    long committed() {
        return committed;
    }

    /** The chunk holding {@code slot}, mapping it (writer only) when a write reaches a new chunk. */
    MemorySegment chunkForWrite(long slot) {
        int chunk = (int) (slot / CHUNK_RECORDS);
        MemorySegment[] current = chunks;
        if (chunk >= current.length) {
            try {
                MemorySegment[] grown = Arrays.copyOf(current, chunk + 1);
                for (int i = current.length; i <= chunk; i++) {
                    grown[i] = map(i);
                }
                chunks = grown;
                current = grown;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot grow " + path + ": " + e.getMessage(), e);
            }
        }
        return current[chunk];
    }

    /** The chunk holding {@code slot}, for reading a slot below a committed count (or a position file's slot). */
    MemorySegment chunk(long slot) {
        return chunks[(int) (slot / CHUNK_RECORDS)];
    }

    /** Whether {@code slot} lies in the mapped part of the file. */
    boolean mapped(long slot) {
        return slot / CHUNK_RECORDS < chunks.length;
    }

    /** Byte offset of {@code slot} in its chunk. */
    long offset(long slot) {
        return (slot % CHUNK_RECORDS) * recordBytes;
    }

    /** Publishes {@code count} records: everything written below it becomes visible, and survives reopening. */
    void commit(long count) {
        COUNT.setRelease(header, COUNT_OFFSET, count);
        committed = count;
    }

    /** Bytes of header and committed records. */
    long bytes() {
        return HEADER_BYTES + committed * recordBytes;
    }

    /** Writes the mapped pages to disk. */
    synchronized void flush() {
        for (MemorySegment chunk : chunks) {
            chunk.force();
        }
        header.force();
    }

    private void abandon() {
        arena.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public synchronized void close() {
        if (!arena.scope().isAlive()) {
            return;
        }
        try {
            flush();
        } finally {
            abandon();
        }
    }
}
