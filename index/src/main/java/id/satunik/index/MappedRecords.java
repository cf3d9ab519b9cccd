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
 * (magic, version, record size, a tag, a committed count), then record {@code slot} at a fixed offset. Opening maps
 * the file and parses nothing else, whatever its size; a new chunk is mapped when writes reach it, and mapped
 * chunks never move.
 *
 * <p>Thread-safety: one writer (callers serialise {@link #slot} writes for new slots and {@link #commit}); any number
 * of readers, which see every record below the count they read with {@link #committed()} fully written (the count
 * is published with a release store after the records).
 */
final class MappedRecords implements AutoCloseable {
    static final int CHUNK_RECORDS = 1 << 16;
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
        FileChannel channel = null;
        MappedRecords file = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long size = channel.size();
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
                    + version + ": " + path);
        }
        if (header.get(INT, 12) != recordBytes || header.get(INT, 16) != tag) {
            throw new IllegalStateException(what + " has records of " + header.get(INT, 12) + " bytes, tag "
                    + header.get(INT, 16) + "; expected " + recordBytes + ", " + tag + ": " + path);
        }
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
