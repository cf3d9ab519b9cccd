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
import java.util.function.Consumer;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The person store on a persisted, memory-mapped Chronicle Map: NIK (as a long) → {@link PersonCodec} bytes.
 * Writes land in the mapped file at once, so a crashed process loses nothing it had enrolled (the OS writes the
 * pages back); a power cut can lose what was not yet written back. Chronicle's usage analytics are excluded from
 * the build and disabled by system property here as well: a population database never phones home.
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

    private final Path file;
    private final ChronicleMap<Long, byte[]> map;

    private ChronicleMapPersonStore(Path file, ChronicleMap<Long, byte[]> map) {
        this.file = file;
        this.map = map;
    }

    /** Opens the store in {@code dir}, creating it with room for {@code capacity} persons when new; no identity. */
    static ChronicleMapPersonStore open(Path dir, long capacity) {
        return open(dir, capacity, null, true);
    }

    /**
     * Opens the person file of the store {@code store}.
     *
     * @param mayCreate false when other files of the store exist: a missing or empty persons.cmap beside them is
     *                  damage (all persons lost), never a reason to start an empty store
     * @throws IllegalStateException naming the file and what is wrong
     */
    static ChronicleMapPersonStore open(Path dir, long capacity, UUID store, boolean mayCreate) {
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
            ChronicleMapPersonStore persons = new ChronicleMapPersonStore(file, map);
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

    @Override
    public boolean insert(PersonRecord person) {
        return map.putIfAbsent(person.nik().toLong(), PersonCodec.encode(person)) == null;
    }

    @Override
    public Optional<PersonRecord> get(Nik nik) {
        byte[] bytes = map.get(nik.toLong());
        return bytes == null ? Optional.empty() : Optional.of(decode(nik.toLong(), bytes));
    }

    @Override
    public boolean contains(Nik nik) {
        return map.containsKey(nik.toLong());
    }

    @Override
    public long size() {
        return map.longSize() - (map.containsKey(IDENTITY_KEY) ? 1 : 0);
    }

    @Override
    public void forEach(Consumer<PersonRecord> action) {
        map.forEach((key, bytes) -> {
            if (key != IDENTITY_KEY) {
                action.accept(decode(key, bytes));
            }
        });
    }

    /** @throws IllegalStateException naming the file and the person when the record is damaged */
    private PersonRecord decode(long key, byte[] bytes) {
        try {
            PersonRecord person = PersonCodec.decode(bytes);
            if (person.nik().toLong() != key) {
                throw new IllegalStateException("record holds NIK " + person.nik());
            }
            return person;
        } catch (RuntimeException e) {
            throw new IllegalStateException("person store " + file + " is damaged: the record of NIK "
                    + String.format(java.util.Locale.ROOT, "%016d", key) + " cannot be read (" + e.getMessage() + ")", e);
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
