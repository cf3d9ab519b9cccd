package id.satunik.index;

import id.satunik.Nik;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.Map;
import java.util.Optional;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
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

    private ChronicleMapPersonStore(Path file, ChronicleMap<Long, byte[]> map, TemplateCipher cipher, boolean count) {
        this.file = file;
        this.map = map;
        this.cipher = cipher;
        if (count) {
            recount();
        }
    }

    /**
     * Counts live persons and tombstones by reading every entry: seconds for a million persons (each value is a
     * person's ten templates), so the engine's open restores the counts its last checkpoint saved instead
     * ({@link #restoreCounts}) and counts only after a crash.
     */
    @Override
    public synchronized void recount() {
        long liveCount = 0;
        long deletedCount = 0;
        for (var entry : map.entrySet()) {
            if (entry.getKey() == IDENTITY_KEY) {
                continue;
            }
            byte[] bytes = entry.getValue();
            if (!isTombstone(bytes)) {
                liveCount++;
            } else if (bytes[18] == DELETED) {
                deletedCount++;
            }
        }
        live.set(liveCount);
        tombstones.set(deletedCount);
    }

    @Override
    public synchronized void restoreCounts(long liveCount, long deletedCount) {
        live.set(liveCount);
        tombstones.set(deletedCount);
    }

    @Override
    public long entries() {
        return map.longSize();
    }

    /** Opens the store in {@code dir} in the clear, creating it with room for {@code capacity} persons when new. */
    static ChronicleMapPersonStore open(Path dir, long capacity) {
        return open(dir, capacity, TemplateCipher.CLEAR);
    }

    /** Opens the store in {@code dir} in the clear with no identity check (tests, benchmarks, maintenance). */
    static ChronicleMapPersonStore open(Path dir, long capacity, TemplateCipher cipher) {
        return open(dir, capacity, cipher, null, true);
    }

    /**
     * Opens the person file of the store {@code store}.
     *
     * @param store     the store's identity, checked against (or, for a new file, written to) the reserved
     *                  {@link #IDENTITY_KEY} entry; null to skip the check
     * @param mayCreate false when other files of the store exist: a missing or empty persons.cmap beside them is
     *                  damage (all persons lost), never a reason to start an empty store
     * @throws IllegalStateException naming the file and what is wrong
     */
    static ChronicleMapPersonStore open(Path dir, long capacity, TemplateCipher cipher, UUID store, boolean mayCreate) {
        return open(dir, capacity, cipher, store, mayCreate, true);
    }

    /**
     * As {@link #open(Path, long, TemplateCipher, UUID, boolean)}; with {@code count} false the live and deleted
     * counts are left to the caller ({@link StoreCommits} restores them from its checkpoint or recounts).
     */
    static ChronicleMapPersonStore open(Path dir, long capacity, TemplateCipher cipher, UUID store, boolean mayCreate,
                                        boolean count) {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        Path file = dir.resolve(FILE);
        if (!mayCreate) {
            try {
                if (!Files.exists(file) || Files.size(file) == 0) {
                    throw new IllegalStateException("store " + dir + " is damaged: " + file + " (the persons) is "
                            + (Files.exists(file) ? "empty" : "missing") + " beside its identity and other files; "
                            + "refusing to start an empty store over them (a store never used can be deleted)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            ChronicleMap<Long, byte[]> map = ChronicleMap.of(Long.class, byte[].class)
                    .name("satunik-persons")
                    .entries(capacity)
                    .averageValueSize(AVERAGE_VALUE_BYTES)
                    .maxBloatFactor(MAX_BLOAT)
                    .createPersistedTo(file.toFile());
            ChronicleMapPersonStore persons = new ChronicleMapPersonStore(file, map, cipher, count);
            if (store != null) {
                try {
                    persons.checkIdentity(store);
                } catch (RuntimeException e) {
                    map.close();
                    throw e;
                }
            }
            return persons;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open person store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key of the store-identity entry: no NIK encodes to a negative long. Its value is the
     * {@link StoreIdentity} id, so that a persons.cmap copied in from another store is refused.
     */
    static final long IDENTITY_KEY = Long.MIN_VALUE;

    private void checkIdentity(UUID store) {
        byte[] own = map.get(IDENTITY_KEY);
        if (own == null) {
            if (!map.isEmpty()) {
                throw new IllegalStateException("person store " + file + " carries no store identity (written before "
                        + "store identities; satunik repair adopts it)");
            }
            adopt(store);
        } else if (!Arrays.equals(own, idBytes(store))) {
            throw new IllegalStateException("person store " + file + " belongs to another store (id "
                    + (own.length == 16 ? fromBytes(own) : "unreadable") + "), not to this store " + store);
        }
    }

    /** The store id this file carries, null when none (written before store identities). */
    UUID storeId() {
        byte[] own = map.get(IDENTITY_KEY);
        return own == null || own.length != 16 ? null : fromBytes(own);
    }

    /** Repair: gives a store written before identities {@code store}'s id; an existing identity is kept. */
    void adoptIfAbsent(UUID store) {
        map.putIfAbsent(IDENTITY_KEY, idBytes(store));
    }

    /** Writes {@code store}'s identity entry (a new file, or repair adopting an old one). */
    void adopt(UUID store) {
        map.put(IDENTITY_KEY, idBytes(store));
    }

    private static byte[] idBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static UUID fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
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

    /** @throws IllegalStateException naming the file and the person when the record is damaged */
    private PersonRecord decode(long nik, byte[] bytes) {
        try {
            byte[] sealed = magic(bytes) == LIVE ? Arrays.copyOfRange(bytes, 10, bytes.length) : bytes;
            PersonRecord person = PersonCodec.decode(cipher.open(sealed, nik));
            if (person.nik().toLong() != nik) {
                throw new IllegalStateException("record holds NIK " + person.nik());
            }
            return person;
        } catch (RuntimeException e) {
            throw new IllegalStateException("person store " + file + " is damaged: the record of NIK "
                    + String.format(java.util.Locale.ROOT, "%016d", nik) + " cannot be read (" + e.getMessage() + ")", e);
        }
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
            if (key == IDENTITY_KEY) {
                continue;
            }
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
        map.forEach((key, bytes) -> {
            if (key != IDENTITY_KEY && !isTombstone(bytes)) {
                action.accept(decode(key, bytes));
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
