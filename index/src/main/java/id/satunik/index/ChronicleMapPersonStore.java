package id.satunik.index;

import id.satunik.Nik;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The person store on a persisted, memory-mapped Chronicle Map: NIK (as a long) → {@link PersonCodec} bytes.
 * Writes land in the mapped file at once, so a crashed process loses nothing it had enrolled (the OS writes the
 * pages back); a power cut can lose what was not yet written back. Chronicle's usage analytics are excluded from
 * the build and disabled by system property here as well: a population database never phones home.
 *
 * <p>Values are {@link PersonCodec} bytes sealed by the store's {@link TemplateCipher} (AES-GCM when the store has
 * a key, the NIK as associated data), or a tombstone (magic 'S''X', deletion time) for a deleted person.
 *
 * <p>Thread-safe (Chronicle Map segments are locked per operation).
 */
final class ChronicleMapPersonStore implements PersonStore {
    static final String FILE = "persons.cmap";
    /** Ten SourceAFIS templates of ~1.2-1.6 KB plus demographics: sizes the map's entry space. */
    private static final double AVERAGE_VALUE_BYTES = 10 * 1500 + 200;
    /**
     * The map may grow to this multiple of its configured capacity before refusing entries (Chronicle's limit is
     * 1000; past about 10 lookups slow down, which the 1:N search never does since it reads the heap gallery).
     */
    private static final double MAX_BLOAT = 100;

    private static final int LIVE = ('S' << 8) | 'V';
    private static final int TOMBSTONE = ('S' << 8) | 'X';
    private static final int DELETED = 0;
    private static final int MOVED = 1;

    private final Path file;
    private final ChronicleMap<Long, byte[]> map;
    private final TemplateCipher cipher;
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong tombstones = new AtomicLong();

    private ChronicleMapPersonStore(Path file, ChronicleMap<Long, byte[]> map, TemplateCipher cipher) {
        this.file = file;
        this.map = map;
        this.cipher = cipher;
        map.forEach((nik, bytes) -> {
            if (!isTombstone(bytes)) {
                live.incrementAndGet();
            } else if (bytes[18] == DELETED) {
                tombstones.incrementAndGet();
            }
        });
    }

    /** Opens the store in {@code dir} in the clear, creating it with room for {@code capacity} persons when new. */
    static ChronicleMapPersonStore open(Path dir, long capacity) {
        return open(dir, capacity, TemplateCipher.CLEAR);
    }

    /** Opens the store in {@code dir}, creating it with room for {@code capacity} persons when new. */
    static ChronicleMapPersonStore open(Path dir, long capacity, TemplateCipher cipher) {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        Path file = dir.resolve(FILE);
        try {
            ChronicleMap<Long, byte[]> map = ChronicleMap.of(Long.class, byte[].class)
                    .name("satunik-persons")
                    .entries(capacity)
                    .averageValueSize(AVERAGE_VALUE_BYTES)
                    .maxBloatFactor(MAX_BLOAT)
                    .createPersistedTo(file.toFile());
            return new ChronicleMapPersonStore(file, map, cipher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open person store " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    private static int magic(byte[] bytes) {
        return bytes.length >= 2 ? (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF) : -1;
    }

    private static boolean isTombstone(byte[] bytes) {
        return magic(bytes) == TOMBSTONE;
    }

    private static long versionOf(byte[] bytes) {
        int magic = magic(bytes);
        return magic == LIVE || magic == TOMBSTONE ? ByteBuffer.wrap(bytes, 2, 8).getLong() : 0;
    }

    /** Live value: 'S''V' | seq i64 | the sealed {@link PersonCodec} bytes. */
    private byte[] encode(PersonRecord person, long seq) {
        byte[] sealed = cipher.seal(PersonCodec.encode(person), person.nik().toLong());
        return ByteBuffer.allocate(10 + sealed.length).putShort((short) LIVE).putLong(seq).put(sealed).array();
    }

    /** Tombstone: 'S''X' | seq i64 | deleted-at epoch-millis i64 | kind u8 (0 deleted, 1 moved to another NIK). */
    private static byte[] tombstone(long seq, Instant at, int kind) {
        return ByteBuffer.allocate(19).putShort((short) TOMBSTONE).putLong(seq).putLong(at.toEpochMilli())
                .put((byte) kind).array();
    }

    private PersonRecord decode(long nik, byte[] bytes) {
        byte[] sealed = magic(bytes) == LIVE ? java.util.Arrays.copyOfRange(bytes, 10, bytes.length) : bytes;
        return PersonCodec.decode(cipher.open(sealed, nik));
    }

    private void forget(byte[] previous) {
        if (previous == null) {
            return;
        }
        if (!isTombstone(previous)) {
            live.decrementAndGet();
        } else if (previous[18] == DELETED) {
            tombstones.decrementAndGet();
        }
    }

    @Override
    public synchronized boolean insert(PersonRecord person, long seq) {
        byte[] previous = map.get(person.nik().toLong());
        if (previous != null && !isTombstone(previous)) {
            return false;
        }
        map.put(person.nik().toLong(), encode(person, seq));
        forget(previous);
        live.incrementAndGet();
        return true;
    }

    @Override
    public synchronized void put(PersonRecord person, long seq) {
        forget(map.put(person.nik().toLong(), encode(person, seq)));
        live.incrementAndGet();
    }

    @Override
    public synchronized Optional<PersonRecord> delete(Nik nik, Instant at, long seq) {
        byte[] previous = map.get(nik.toLong());
        if (previous == null || isTombstone(previous)) {
            return Optional.empty();
        }
        map.put(nik.toLong(), tombstone(seq, at, DELETED));
        forget(previous);
        tombstones.incrementAndGet();
        return Optional.of(decode(nik.toLong(), previous));
    }

    @Override
    public synchronized boolean remove(Nik nik, long seq) {
        byte[] previous = map.get(nik.toLong());
        if (previous == null || isTombstone(previous)) {
            return false;
        }
        map.put(nik.toLong(), tombstone(seq, java.time.Instant.EPOCH, MOVED));
        forget(previous);
        return true;
    }

    @Override
    public long version(Nik nik) {
        byte[] bytes = map.get(nik.toLong());
        return bytes == null ? 0 : versionOf(bytes);
    }

    /** Removes every tombstone (compaction): the map reuses their space. @return deletions removed */
    synchronized long removeTombstones() {
        long removed = 0;
        for (Long key : new java.util.ArrayList<>(map.keySet())) {
            byte[] bytes = map.get(key);
            if (bytes != null && isTombstone(bytes) && map.remove(key, bytes) && bytes[18] == DELETED) {
                removed++;
            }
        }
        tombstones.addAndGet(-removed);
        return removed;
    }

    @Override
    public Optional<PersonRecord> get(Nik nik) {
        byte[] bytes = map.get(nik.toLong());
        return bytes == null || isTombstone(bytes) ? Optional.empty() : Optional.of(decode(nik.toLong(), bytes));
    }

    @Override
    public boolean contains(Nik nik) {
        byte[] bytes = map.get(nik.toLong());
        return bytes != null && !isTombstone(bytes);
    }

    @Override
    public long size() {
        return live.get();
    }

    @Override
    public long deleted() {
        return tombstones.get();
    }

    @Override
    public void forEach(Consumer<PersonRecord> action) {
        map.forEach((nik, bytes) -> {
            if (!isTombstone(bytes)) {
                action.accept(decode(nik, bytes));
            }
        });
    }

    @Override
    public void flush() {
        // fsync on the file writes back the pages Chronicle dirtied through its shared mapping (Linux tracks
        // dirty mapped pages in the page cache); Chronicle Map itself offers no msync.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync person store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Long> files() {
        Map<String, Long> files = new LinkedHashMap<>();
        try {
            files.put(FILE, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Override
    public void close() {
        map.close();
    }
}
