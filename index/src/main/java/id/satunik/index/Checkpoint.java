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
 * <p>Layout: seq i64 | offset i64 | CRC32C of the 16 bytes i32. Immutable value; thread-safe.
 */
record Checkpoint(long seq, long offset) {
    static final String FILE = "journal.checkpoint";
    static final Checkpoint START = new Checkpoint(0, Journal.HEADER_BYTES);

    /** The checkpoint of {@code dir}; {@link #START} when there is none. */
    static Checkpoint read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return START;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            if (bytes.remaining() != 20) {
                throw new IllegalStateException("damaged journal checkpoint " + file + " (" + bytes.remaining()
                        + " bytes); delete it to redo the whole journal");
            }
            long seq = bytes.getLong();
            long offset = bytes.getLong();
            CRC32C crc = new CRC32C();
            crc.update(bytes.array(), 0, 16);
            if (bytes.getInt() != (int) crc.getValue()) {
                throw new IllegalStateException("damaged journal checkpoint " + file
                        + " (checksum); delete it to redo the whole journal");
            }
            return new Checkpoint(seq, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path dir) {
        Path file = dir.resolve(FILE);
        Path temporary = dir.resolve(FILE + ".tmp");
        ByteBuffer bytes = ByteBuffer.allocate(20).putLong(seq).putLong(offset);
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, 16);
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
