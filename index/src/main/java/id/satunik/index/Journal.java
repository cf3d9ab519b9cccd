package id.satunik.index;

import id.satunik.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The write-ahead journal of a store ({@value #FILE}): every enrollment, delete and update is appended here, and
 * forced to disk as {@link Durability} says, before any store file changes. The store files (person store, iris
 * code files, any later index) are derived state: on open, the entries past the last {@link Checkpoint} are redone
 * on them idempotently, so an operation a crash interrupted is completed, and the journal alone can rebuild a
 * store (restore, power-cut recovery).
 *
 * <p>Layout: a 16-byte header (magic "SATUJRNL", version i32, reserved i32), then frames: payload length i32 |
 * CRC32C of the payload i32 | payload ({@link JournalEntry}), big-endian. A frame that is short or fails its CRC
 * ends the journal: it is the torn tail of a write cut off by a crash, never acknowledged (a decision is reported
 * only after its frame is durable at the chosen level). Opening cuts it off, keeping the cut bytes beside the
 * journal for inspection.
 *
 * <p>Thread-safety: appends and syncs are synchronized; the engine appends under its enrollment lock, so
 * sequence numbers follow the order of the changes.
 */
final class Journal implements AutoCloseable {
    static final String FILE = "journal.log";
    static final long MAGIC = 0x5341545541524e4cL; // "SATUJRNL"
    static final int VERSION = 1;
    static final int HEADER_BYTES = 16;
    static final int FRAME_HEADER = 8;
    /** Larger than any real entry (ten templates and two iris codes are ~20 KB): a length past it is garbage. */
    static final int MAX_PAYLOAD = 16 << 20;

    private final Path path;
    private final FileChannel channel;
    private final TemplateCipher cipher;
    private final Durability durability;
    private long size;
    /** Bytes known to be on disk: what a power cut cannot take. */
    private long forced;
    private long lastSeq;
    private boolean unsynced;

    private Journal(Path path, FileChannel channel, TemplateCipher cipher, Durability durability, long size,
                    long lastSeq) {
        this.path = path;
        this.channel = channel;
        this.cipher = cipher;
        this.durability = durability;
        this.size = size;
        this.forced = size;
        this.lastSeq = lastSeq;
    }

    /** What a scan found: the entries' end (where the next frame goes) and the last sequence number seen. */
    record Scan(long end, long lastSeq, boolean torn) {
    }

    /**
     * Opens (creating) the journal of {@code dir}, hands every entry after {@code checkpoint} to {@code redo} in
     * order, and cuts off a torn tail.
     */
    static Journal open(Path dir, TemplateCipher cipher, Durability durability, Checkpoint checkpoint,
                        Consumer<JournalEntry> redo) {
        Path path = dir.resolve(FILE);
        try {
            boolean fresh = !Files.exists(path) || Files.size(path) == 0;
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                if (fresh) {
                    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putLong(MAGIC).putInt(VERSION).putInt(0)
                            .flip();
                    channel.write(header, 0);
                    channel.force(true);
                    forceDirectory(dir);
                }
                checkHeader(channel, path);
                long from = Math.max(HEADER_BYTES, checkpoint.offset());
                Scan scan = scan(channel, from, cipher, checkpoint.seq(), entry -> {
                    if (entry.seq() > checkpoint.seq()) {
                        redo.accept(entry);
                    }
                });
                if (scan.torn()) {
                    keepTornTail(channel, path, scan.end());
                    channel.truncate(scan.end());
                    channel.force(true);
                }
                return new Journal(path, channel, cipher, durability, scan.end(), scan.lastSeq());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + path + ": " + e.getMessage(), e);
        }
    }

    static void checkHeader(FileChannel channel, Path path) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        channel.read(header, 0);
        header.flip();
        if (header.remaining() < HEADER_BYTES || header.getLong() != MAGIC) {
            throw new IllegalStateException("not a SatuNIK journal (bad header): " + path);
        }
        int version = header.getInt();
        if (version != VERSION) {
            throw new IllegalStateException("journal format version " + version + ", this build reads " + VERSION
                    + ": " + path);
        }
    }

    /**
     * Reads the frames from {@code from} until the end or the first torn frame.
     *
     * @param seqBefore the sequence number of the entry just before {@code from} (0 at the start)
     */
    static Scan scan(FileChannel channel, long from, TemplateCipher cipher, long seqBefore,
                     Consumer<JournalEntry> action) throws IOException {
        long fileSize = channel.size();
        long offset = from;
        long lastSeq = seqBefore;
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER).order(ByteOrder.BIG_ENDIAN);
        CRC32C crc = new CRC32C();
        while (offset < fileSize) {
            if (fileSize - offset < FRAME_HEADER) {
                return new Scan(offset, lastSeq, true);
            }
            frame.clear();
            readFully(channel, frame, offset);
            frame.flip();
            int length = frame.getInt();
            int expected = frame.getInt();
            if (length < 17 || length > MAX_PAYLOAD || fileSize - offset - FRAME_HEADER < length) {
                return new Scan(offset, lastSeq, true);
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, offset + FRAME_HEADER);
            crc.reset();
            crc.update(payload.array(), 0, length);
            if ((int) crc.getValue() != expected) {
                return new Scan(offset, lastSeq, true);
            }
            JournalEntry entry = JournalEntry.decode(payload.array(), cipher);
            if (entry.seq() != lastSeq + 1 && lastSeq != 0) {
                throw new IllegalStateException("journal out of sequence at byte " + offset + ": entry "
                        + entry.seq() + " follows " + lastSeq);
            }
            action.accept(entry);
            lastSeq = entry.seq();
            offset += FRAME_HEADER + length;
        }
        return new Scan(offset, lastSeq, false);
    }

    /** Reads a journal file from its start without changing it (verification, restore of a tail). */
    static Scan read(Path file, TemplateCipher cipher, Consumer<JournalEntry> action) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            checkHeader(channel, file);
            return scan(channel, HEADER_BYTES, cipher, 0, action);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of journal");
            }
        }
    }

    private static void keepTornTail(FileChannel channel, Path path, long end) throws IOException {
        long length = channel.size() - end;
        ByteBuffer tail = ByteBuffer.allocate((int) Math.min(length, MAX_PAYLOAD + FRAME_HEADER));
        readFully(channel, tail, end);
        Files.write(path.resolveSibling(FILE + ".torn-at-" + end), tail.array());
    }

    /**
     * Appends {@code entry} with the next sequence number and the time {@code at}; forces it to disk at
     * {@link Durability#RECORD}. @return the entry as journalled
     */
    synchronized JournalEntry append(JournalEntry entry, Instant at) {
        JournalEntry numbered = JournalEntry.numbered(entry, lastSeq + 1, at);
        byte[] payload = JournalEntry.encode(numbered, cipher);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + payload.length)
                .putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        try {
            long at0 = size;
            while (frame.hasRemaining()) {
                at0 += channel.write(frame, at0);
            }
            size = at0;
            lastSeq = numbered.seq();
            unsynced = true;
            if (durability == Durability.RECORD) {
                sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to journal " + path + ": " + e.getMessage(), e);
        }
        return numbered;
    }

    /** Forces appended entries to disk unless {@link Durability#NONE} (then only {@link #force()} does). */
    synchronized void sync() {
        if (durability != Durability.NONE) {
            force();
        }
    }

    /** Forces appended entries to disk whatever the durability (checkpoints, close). */
    synchronized void force() {
        if (!unsynced) {
            return;
        }
        try {
            channel.force(false);
            unsynced = false;
            forced = size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of complete entries: a prefix of this length is a consistent journal. */
    synchronized long size() {
        return size;
    }

    /** Bytes forced to disk so far: a power cut keeps at least this prefix. */
    synchronized long forcedSize() {
        return forced;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    Path path() {
        return path;
    }

    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened for sync; the files themselves were forced
        }
    }

    @Override
    public synchronized void close() {
        try {
            force();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close journal " + path, e);
        }
    }
}
