package id.satunik.index;

import id.satunik.Nik;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    /** Opens the store in {@code dir}, creating it with room for {@code capacity} persons when new. */
    static ChronicleMapPersonStore open(Path dir, long capacity) {
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
            return new ChronicleMapPersonStore(file, map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open person store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean insert(PersonRecord person) {
        return map.putIfAbsent(person.nik().toLong(), PersonCodec.encode(person)) == null;
    }

    @Override
    public Optional<PersonRecord> get(Nik nik) {
        byte[] bytes = map.get(nik.toLong());
        return bytes == null ? Optional.empty() : Optional.of(PersonCodec.decode(bytes));
    }

    @Override
    public boolean contains(Nik nik) {
        return map.containsKey(nik.toLong());
    }

    @Override
    public long size() {
        return map.longSize();
    }

    @Override
    public void forEach(Consumer<PersonRecord> action) {
        map.forEach((nik, bytes) -> action.accept(PersonCodec.decode(bytes)));
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
