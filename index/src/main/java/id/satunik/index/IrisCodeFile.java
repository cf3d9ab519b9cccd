package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.matcher.IrisCode;
import id.satunik.matcher.IrisTemplate;
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
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The iris gallery on disk: a flat file of fixed-size records (one per enrolled eye) mapped into memory, so that
 * opening a store of millions of eyes parses nothing and the 1:N scan streams the codes sequentially.
 *
 * <p>Layout (little-endian): a 4 KiB header (magic, format version, code geometry, the committed record count),
 * then {@link #RECORD_BYTES}-byte records from offset {@link #HEADER_BYTES}: the real plane
 * ({@value IrisCode#PLANE_WORDS} longs), the imaginary plane, the mask ({@value IrisCode#MASK_WORDS} longs), the
 * NIK as a long, and a meta long (eye position code in bits 0-7). The slot number of a record is its position.
 * A file holds the eyes of one position (the header says which), since eyes are compared only with eyes of
 * the same position: a scan then runs one probe eye over one file without a branch per record.
 * The file is mapped in chunks of {@link #CHUNK_RECORDS} records; a new chunk is mapped when appends reach it, so
 * the file grows with the gallery and mapped chunks never move.
 *
 * <p>Thread-safety: one writer at a time ({@link #append} is synchronized) and any number of concurrent readers.
 * A record is written completely before the committed count that makes it visible is published (release store;
 * readers take the count with an acquire load through {@link #size()}), so a reader always sees a consistent
 * prefix of the gallery, never a half-written record. The count in the header is what survives a crash:
 * records after it are ignored on reopen.
 */
final class IrisCodeFile implements AutoCloseable {
    static final long MAGIC = 0x5349524955544153L; // "SATUIRIS" little-endian
    static final int VERSION = 1;
    static final int HEADER_BYTES = 4096;
    static final int RE_OFFSET = 0;
    static final int IM_OFFSET = IrisCode.PLANE_WORDS * 8;
    static final int MASK_OFFSET = 2 * IrisCode.PLANE_WORDS * 8;
    static final int NIK_OFFSET = MASK_OFFSET + IrisCode.MASK_WORDS * 8;
    static final int META_OFFSET = NIK_OFFSET + 8;
    /** Bytes per enrolled eye: 2 x 128 code + 128 mask + 8 NIK + 8 meta. */
    static final int RECORD_BYTES = META_OFFSET + 8;
    static final int CHUNK_RECORDS = 1 << 16;
    static final long CHUNK_BYTES = (long) CHUNK_RECORDS * RECORD_BYTES;

    private static final long COUNT_OFFSET = 64;
    /** The store id (two longs, 0/0 for a file written before store identities), see {@link StoreIdentity}. */
    private static final long STORE_ID_OFFSET = 128;
    /** Meta bit: the record's CRC32C (bits 32-63, over code, mask and NIK) is present. */
    static final long CHECKSUMMED = 1L << 8;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle COUNT = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private final Path path;
    private final EyePosition position;
    private final FileChannel channel;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment header;
    /** Mapped chunks; replaced (copy-on-write) by the writer before the count that needs a new chunk. */
    private volatile MemorySegment[] chunks = new MemorySegment[0];
    private volatile int committed;

    private IrisCodeFile(Path path, EyePosition position, FileChannel channel) throws IOException {
        this.path = path;
        this.position = position;
        this.channel = channel;
        this.header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES, arena);
    }

    /** Opens the store of {@code position} eyes at {@code path}, creating it when absent; no identity check. */
    static IrisCodeFile open(Path path, EyePosition position) {
        return open(path, position, null, true);
    }

    /**
     * Opens the file of a store: a new file takes {@code store}'s id; an existing one must carry it, and every
     * checksummed record must match its checksum.
     *
     * @throws IllegalStateException naming the file and what is wrong
     */
    static IrisCodeFile open(Path path, EyePosition position, UUID store) {
        return open(path, position, store, store == null);
    }

    /** @param mayCreate false when opening a file found in the store: an empty one is damage, not a new file */
    static IrisCodeFile open(Path path, EyePosition position, UUID store, boolean mayCreate) {
        IrisCodeFile file = null;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean existed = Files.exists(path);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            boolean fresh = channel.size() == 0;
            if (fresh && existed && !mayCreate) {
                channel.close();
                throw new IllegalStateException("iris store " + path + " is damaged: the file is empty (truncated?)");
            }
            if (!fresh && channel.size() < HEADER_BYTES) {
                channel.close();
                throw new IllegalStateException("not a SatuNIK iris store (shorter than its header): " + path);
            }
            try {
                file = new IrisCodeFile(path, position, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            file.load(fresh);
            if (store != null) {
                file.checkIdentity(store, fresh);
            }
            return file;
        } catch (IOException e) {
            if (file != null) {
                file.abandon();
            }
            throw new UncheckedIOException("cannot open iris store " + path, e);
        } catch (RuntimeException e) {
            if (file != null) {
                file.abandon();
            }
            throw e;
        }
    }

    private void load(boolean fresh) throws IOException {
        if (fresh) {
            header.set(LONG, 0, MAGIC);
            header.set(INT, 8, VERSION);
            header.set(INT, 12, RECORD_BYTES);
            header.set(INT, 16, IrisCode.ROWS);
            header.set(INT, 20, IrisCode.COLUMNS);
            header.set(INT, 24, IrisCode.CODE_WORDS);
            header.set(INT, 28, IrisCode.MASK_WORDS);
            header.set(INT, 32, position.code());
            COUNT.setRelease(header, COUNT_OFFSET, 0L);
            header.force();
        } else {
            if (header.get(LONG, 0) != MAGIC) {
                throw new IllegalStateException("not a SatuNIK iris store (bad magic): " + path);
            }
            if (header.get(INT, 8) != VERSION) {
                throw new IllegalStateException("iris store format version " + header.get(INT, 8)
                        + ", this build reads " + VERSION + ": " + path);
            }
            if (header.get(INT, 12) != RECORD_BYTES || header.get(INT, 16) != IrisCode.ROWS
                    || header.get(INT, 20) != IrisCode.COLUMNS) {
                throw new IllegalStateException("iris store holds codes of another geometry: " + path);
            }
            if (header.get(INT, 32) != position.code()) {
                throw new IllegalStateException("iris store holds eye code " + header.get(INT, 32) + ", not "
                        + position + ": " + path);
            }
        }
        long stored = (long) COUNT.getAcquire(header, COUNT_OFFSET);
        long available = Math.max(0, channel.size() - HEADER_BYTES) / RECORD_BYTES;
        if (stored < 0 || stored > available || stored > Integer.MAX_VALUE) {
            throw new IllegalStateException("iris store is damaged: its header counts " + stored
                    + " records, the file holds " + available + ": " + path);
        }
        int needed = Math.max(1, (int) ((stored + CHUNK_RECORDS - 1) / CHUNK_RECORDS));
        MemorySegment[] mapped = new MemorySegment[needed];
        for (int i = 0; i < needed; i++) {
            mapped[i] = mapChunk(i);
        }
        chunks = mapped;
        committed = (int) stored;
    }

    private void checkIdentity(UUID store, boolean fresh) {
        UUID own = storeId();
        if (fresh) {
            adopt(store);
        } else if (own == null) {
            throw new IllegalStateException("iris store " + path + " carries no store identity (written before store "
                    + "identities, or its header was damaged; satunik repair adopts it)");
        } else if (!own.equals(store)) {
            throw new IllegalStateException("iris store " + path + " belongs to store " + own + ", not to this store "
                    + store + " (a file copied in from another store?)");
        }
    }

    /** The store id in the header, null when none was written. */
    UUID storeId() {
        long high = header.get(LONG, STORE_ID_OFFSET);
        long low = header.get(LONG, STORE_ID_OFFSET + 8);
        return high == 0 && low == 0 ? null : new UUID(high, low);
    }

    /** Writes {@code store}'s id into the header (a new file, or repair adopting an old one). */
    void adopt(UUID store) {
        header.set(LONG, STORE_ID_OFFSET, store.getMostSignificantBits());
        header.set(LONG, STORE_ID_OFFSET + 8, store.getLeastSignificantBits());
        header.force();
    }

    /** @throws IllegalStateException naming the file, slot and NIK of the first record whose checksum fails */
    void verifyRecords() {
        for (int slot = 0; slot < committed; slot++) {
            verifyRecord(chunkOf(slot), offsetOf(slot), slot);
        }
    }

    private void verifyRecord(MemorySegment segment, long base, int slot) {
        long meta = segment.get(LONG, base + META_OFFSET);
        if ((meta & CHECKSUMMED) != 0 && (int) (meta >>> 32) != checksum(segment, base)) {
            throw new IllegalStateException("iris store " + path + " is damaged: record " + slot + " (NIK "
                    + segment.get(LONG, base + NIK_OFFSET) + ") fails its checksum");
        }
    }

    private static int checksum(MemorySegment segment, long base) {
        CRC32C crc = new CRC32C();
        crc.update(segment.asSlice(base, META_OFFSET).asByteBuffer());
        return (int) crc.getValue();
    }

    private void abandon() {
        arena.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }

    private MemorySegment mapChunk(int index) throws IOException {
        return channel.map(FileChannel.MapMode.READ_WRITE, HEADER_BYTES + index * CHUNK_BYTES, CHUNK_BYTES, arena);
    }

    Path path() {
        return path;
    }

    EyePosition position() {
        return position;
    }

    /** Records committed so far; a scan that reads it once sees exactly these, fully written. */
    int size() {
        return committed;
    }

    /** The mapped chunks: read after {@link #size()}, so that every committed record lies in one of them. */
    MemorySegment[] chunks() {
        return chunks;
    }

    /** The chunk holding {@code slot}. */
    MemorySegment chunkOf(int slot) {
        return chunks[slot / CHUNK_RECORDS];
    }

    /** Byte offset of {@code slot} inside its chunk. */
    static long offsetOf(int slot) {
        return (long) (slot % CHUNK_RECORDS) * RECORD_BYTES;
    }

    /** Appends one eye and publishes it; returns its slot. */
    synchronized int append(long nik, IrisTemplate template) {
        return append(nik, template.position(), template.code(), template.mask());
    }

    synchronized int append(long nik, EyePosition eye, long[] code, long[] mask) {
        if (code.length != IrisCode.CODE_WORDS || mask.length != IrisCode.MASK_WORDS) {
            throw new IllegalArgumentException("iris code of the wrong size");
        }
        if (eye != position) {
            throw new IllegalArgumentException(eye + " eye appended to the " + position + " iris store " + path);
        }
        int slot = committed;
        if (slot == Integer.MAX_VALUE) {
            throw new IllegalStateException("iris store full: " + path);
        }
        MemorySegment[] current = chunks;
        int chunk = slot / CHUNK_RECORDS;
        if (chunk >= current.length) {
            try {
                MemorySegment[] grown = Arrays.copyOf(current, chunk + 1);
                grown[chunk] = mapChunk(chunk);
                chunks = grown;
                current = grown;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot grow iris store " + path, e);
            }
        }
        MemorySegment segment = current[chunk];
        long base = offsetOf(slot);
        for (int w = 0; w < IrisCode.CODE_WORDS; w++) {
            segment.set(LONG, base + RE_OFFSET + w * 8L, code[w]);
        }
        for (int w = 0; w < IrisCode.MASK_WORDS; w++) {
            segment.set(LONG, base + MASK_OFFSET + w * 8L, mask[w]);
        }
        segment.set(LONG, base + NIK_OFFSET, nik);
        segment.set(LONG, base + META_OFFSET, eye.code() | CHECKSUMMED | ((long) checksum(segment, base) << 32));
        // Publish: the record's stores happen-before the count that makes it visible (volatile write), and the
        // header's copy of the count is a release store so it is never ahead of the data in the mapping either.
        COUNT.setRelease(header, COUNT_OFFSET, (long) slot + 1);
        committed = slot + 1;
        return slot;
    }

    long nikAt(int slot) {
        checkSlot(slot);
        return chunkOf(slot).get(LONG, offsetOf(slot) + NIK_OFFSET);
    }

    EyePosition eyeAt(int slot) {
        checkSlot(slot);
        return eye(chunkOf(slot).get(LONG, offsetOf(slot) + META_OFFSET));
    }

    static EyePosition eye(long meta) {
        return (meta & 0xFF) == 2 ? EyePosition.LEFT : EyePosition.RIGHT;
    }

    /** The stored eye as a template (for 1:1 comparisons of a candidate's other eye), its checksum verified. */
    IrisTemplate templateAt(int slot) {
        checkSlot(slot);
        MemorySegment segment = chunkOf(slot);
        long base = offsetOf(slot);
        verifyRecord(segment, base, slot);
        long[] code = new long[IrisCode.CODE_WORDS];
        long[] mask = new long[IrisCode.MASK_WORDS];
        MemorySegment.copy(segment, LONG, base + RE_OFFSET, code, 0, code.length);
        MemorySegment.copy(segment, LONG, base + MASK_OFFSET, mask, 0, mask.length);
        return new IrisTemplate(eye(segment.get(LONG, base + META_OFFSET)), code, mask);
    }

    private void checkSlot(int slot) {
        if (slot < 0 || slot >= committed) {
            throw new IllegalStateException("iris store " + path + " holds " + committed + " eyes; slot " + slot
                    + " was asked for: the store is damaged (truncated, or its count lowered; run satunik verify-store)");
        }
    }

    /** Bytes the store occupies for {@code eyes} enrolled eyes (header aside), for capacity planning. */
    static long bytesFor(long eyes) {
        return eyes * RECORD_BYTES;
    }

    /** Writes the mapped pages to disk: every record appended so far survives a crash. */
    synchronized void flush() {
        for (MemorySegment chunk : chunks) {
            chunk.force();
        }
        header.force();
    }

    @Override
    public synchronized void close() {
        if (!arena.scope().isAlive()) {
            return;
        }
        try {
            flush();
        } finally {
            arena.close();
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close iris store " + path, e);
            }
        }
    }
}
