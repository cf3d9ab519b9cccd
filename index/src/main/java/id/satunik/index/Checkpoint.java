package id.satunik.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * How far the store files are known to be on disk: every journal entry up to {@code seq} (ending at byte
 * {@code offset} of the journal) was applied to them and they were forced to disk before this was written. Opening
 * redoes only the entries after it. Written to a temporary file, forced, then renamed over {@value #FILE}, so a
 * crash leaves the old checkpoint or the new one, never a mix.
 *
 * <p>It also saves the person store's counts at that point (live persons, tombstones, and all its entries), so
 * that an open with nothing to redo need not read every person to count them (seconds at a million persons); the
 * entries count lets the open see that the store changed outside the journal (then it counts).
 *
 * <p>Layout: seq i64 | offset i64 | live i64 | deleted i64 | entries i64 | CRC32C of the 40 bytes i32. The first
 * layout (seq | offset | CRC32C of 16 bytes, no counts) is still read. Immutable value; thread-safe.
 *
 * @param live live persons, -1 when not saved (a checkpoint of the first layout, or {@link #START})
 */
record Checkpoint(long seq, long offset, long live, long deleted, long entries) {
    static final String FILE = "journal.checkpoint";
    static final Checkpoint START = new Checkpoint(0, Journal.HEADER_BYTES);
    private static final int BYTES = 44;
    private static final int FIRST_LAYOUT_BYTES = 20;

    Checkpoint(long seq, long offset) {
        this(seq, offset, -1, -1, -1);
    }

    /** Whether the person counts were saved. */
    boolean hasCounts() {
        return live >= 0;
    }

    /** The checkpoint of {@code dir}; {@link #START} when there is none. */
    static Checkpoint read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return START;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            int length = bytes.remaining();
            if (length != BYTES && length != FIRST_LAYOUT_BYTES) {
                throw new IllegalStateException("damaged journal checkpoint " + file + " (" + bytes.remaining()
                        + " bytes); delete it to redo the whole journal");
            }
            long seq = bytes.getLong();
            long offset = bytes.getLong();
            boolean counts = length == BYTES;
            long live = counts ? bytes.getLong() : -1;
            long deleted = counts ? bytes.getLong() : -1;
            long entries = counts ? bytes.getLong() : -1;
            CRC32C crc = new CRC32C();
            crc.update(bytes.array(), 0, length - 4);
            if (bytes.getInt() != (int) crc.getValue()) {
                throw new IllegalStateException("damaged journal checkpoint " + file
                        + " (checksum); delete it to redo the whole journal");
            }
            return new Checkpoint(seq, offset, live, deleted, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path dir) {
        Path file = dir.resolve(FILE);
        Path temporary = dir.resolve(FILE + ".tmp");
        ByteBuffer bytes = ByteBuffer.allocate(BYTES).putLong(seq).putLong(offset).putLong(live).putLong(deleted)
                .putLong(entries);
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, BYTES - 4);
        bytes.putInt((int) crc.getValue()).flip();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(bytes);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Journal.forceDirectory(dir);
    }
}
