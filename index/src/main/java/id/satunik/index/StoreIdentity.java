package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The store's identity file, {@code store.id}, and the writer lock held on it: a store is one folder whose files
 * (persons.cmap, the iris code files, any later index) all carry the same store id, so a file from another store,
 * or a store whose identity is gone, is refused instead of silently mixed in or re-created empty.
 *
 * <p>Layout (little-endian, {@value #BYTES} bytes): magic "SATUNIK\0" | format version i32 | state i32 | id
 * (UUID, two i64) | created epoch-millis i64 | CRC32C of the preceding bytes i32. The state is {@link #CREATING}
 * from the identity's first write until every file of the new store exists ({@link #markReady}): a process killed
 * in between leaves a store that no enrollment has touched, which the next open creates again instead of
 * refusing its half-made files as damage.
 *
 * <p>The OS lock is on this file, which the store cannot do without: deleting it while a process runs does not
 * let a second writer in, because a store with data files and no identity is refused as damaged (the old
 * {@code store.lock} could be deleted and re-created beside a running writer).
 *
 * <p>Thread-safe; the lock is released on close or when the process dies.
 */
final class StoreIdentity implements AutoCloseable {
    static final String FILE = "store.id";
    static final long MAGIC = 0x004B494E55544153L; // "SATUNIK\0" little-endian
    static final int VERSION = 1;
    static final int BYTES = 44;
    /** State: the store's files are being created; nothing was enrolled ("CREA"). */
    static final int CREATING = 0x41455243;
    /** State: the store is complete ("REDY"); any other value is read as ready too. */
    static final int READY = 0x59444552;

    private final Path dir;
    private final UUID id;
    private final FileChannel channel;
    private final FileLock lock;

    private final boolean created;

    private StoreIdentity(Path dir, UUID id, boolean created, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.id = id;
        this.created = created;
        this.channel = channel;
        this.lock = lock;
    }

    UUID id() {
        return id;
    }

    /**
     * True when this open created the identity: the folder held no store. False for an existing store, whose
     * person file must then exist (a missing one is damage, not a new store).
     */
    boolean created() {
        return created;
    }

    /** Every data file a store may hold (without store.id). */
    static List<Path> storeFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve(ChronicleMapPersonStore.FILE));
        for (EyePosition eye : EyePosition.values()) {
            files.add(IrisGallery.fileOf(dir, eye));
        }
        files.add(dir.resolve(FingerIndex.PERSONS_FILE));
        for (FingerPosition finger : FingerPosition.values()) {
            files.add(FingerIndex.fileOf(dir, finger));
            files.add(FingerIndex.sketchOf(dir, finger));
        }
        return files;
    }

    /** The data files of a store present in {@code dir} (without store.id). */
    static List<String> dataFiles(Path dir) {
        List<String> present = new ArrayList<>();
        for (Path file : storeFiles(dir)) {
            if (Files.exists(file)) {
                present.add(file.getFileName().toString());
            }
        }
        return present;
    }

    /**
     * Opens the identity of the store in {@code dir} and takes its writer lock, creating a new identity for an
     * empty folder.
     *
     * @throws IllegalStateException naming the file and the problem: locked by another process, identity missing
     *                               beside data files, damaged identity
     */
    static StoreIdentity open(Path dir) {
        Path file = dir.resolve(FILE);
        List<String> data = dataFiles(dir);
        FileChannel channel = null;
        try {
            boolean created = false;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                created = true;
            } catch (FileAlreadyExistsException e) {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new IllegalStateException("store " + dir + " is already open in this process");
            }
            if (lock == null) {
                throw new IllegalStateException("store " + dir + " is in use by another process (" + file
                        + " is locked)");
            }
            if (created && !data.isEmpty()) {
                lock.release();
                channel.close();
                Files.deleteIfExists(file);
                channel = null;
                throw new IllegalStateException("store " + dir + " is damaged: " + FILE + " (the store's identity) "
                        + "is missing beside " + String.join(", ", data) + "; it was deleted, or the store was "
                        + "written by a build before store identities (check it with satunik verify-store and adopt "
                        + "it with satunik repair)");
            }
            UUID id = created ? null : read(channel, file);
            if (id != null && state(channel) == CREATING) {
                // killed while the store was being created: nothing was enrolled, create its files again
                for (Path half : storeFiles(dir)) {
                    Files.deleteIfExists(half);
                }
                created = true;
            } else if (id == null) {
                created = true;
                // new store, or an identity whose creation was cut short before any data file existed
                if (!data.isEmpty()) {
                    throw new IllegalStateException("store " + dir + " is damaged: " + file
                            + " is not a valid store identity (" + channel.size() + " bytes) beside "
                            + String.join(", ", data));
                }
                id = UUID.randomUUID();
                write(channel, id, CREATING);
            }
            return new StoreIdentity(dir, id, created, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open store identity " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Writes identity {@code id} for the data files already in {@code dir} (a store written before identities,
     * or whose store.id was deleted);
     * for {@code satunik repair}, after verify-store found the files sound. Refuses when one exists.
     */
    static UUID adopt(Path dir, UUID id) {
        Path file = dir.resolve(FILE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            write(channel, id, READY);
            return id;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("store " + dir + " already has an identity (" + file + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The id in {@code file}, or null when the file is empty or invalid. */
    static UUID read(FileChannel channel, Path file) throws IOException {
        if (channel.size() != BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read the whole identity
        }
        buffer.flip();
        if (buffer.remaining() != BYTES || buffer.getLong(0) != MAGIC) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, BYTES - 4);
        if ((int) crc.getValue() != buffer.getInt(BYTES - 4)) {
            return null;
        }
        if (buffer.getInt(8) != VERSION) {
            throw new IllegalStateException(file + " has store format version " + buffer.getInt(8) + "; this build reads "
                    + VERSION);
        }
        return new UUID(buffer.getLong(16), buffer.getLong(24));
    }

    /** The id of the store in {@code dir} without locking it, or null when absent or invalid (verify-store). */
    static UUID peek(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The state field of a valid identity. */
    private static int state(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(buffer, 12);
        return buffer.getInt(0);
    }

    /** Every file of a new store exists: from now on a missing or empty one is damage. */
    /**
     * Writes, in the empty folder {@code dir}, an identity {@code id} in state {@link #CREATING}: the store opened
     * there next is created with this id (compaction rebuilds a store's files under its own identity).
     */
    static void prepare(Path dir, UUID id) {
        Path file = dir.resolve(FILE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            write(channel, id, CREATING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    void markReady() {
        if (!created) {
            return;
        }
        try {
            write(channel, id, READY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static void write(FileChannel channel, UUID id, int state) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(MAGIC).putInt(VERSION).putInt(state)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .putLong(System.currentTimeMillis());
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, BYTES - 4);
        buffer.putInt((int) crc.getValue());
        buffer.flip();
        // one write in place (no truncation first): a process killed meanwhile leaves the old or the new identity
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
        if (channel.size() > BYTES) {
            channel.truncate(BYTES);
        }
        channel.force(true);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of store " + dir, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the original error matters more
            }
        }
    }
}
