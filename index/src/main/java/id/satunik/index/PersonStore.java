package id.satunik.index;

import id.satunik.Nik;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Persistent persons keyed by NIK. The engine depends on this interface only, so the store technology (Chronicle
 * Map today) stays replaceable. Implementations are thread-safe.
 */
interface PersonStore extends AutoCloseable {

    /** Adds the person unless the NIK is taken. @return false when the NIK was already stored (nothing changed) */
    boolean insert(PersonRecord person);

    Optional<PersonRecord> get(Nik nik);

    boolean contains(Nik nik);

    long size();

    /** Every stored person, in no particular order. */
    void forEach(Consumer<PersonRecord> action);

    /** Store files and their sizes in bytes. */
    Map<String, Long> files();

    @Override
    void close();
}
