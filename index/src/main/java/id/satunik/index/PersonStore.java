package id.satunik.index;

import id.satunik.Nik;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Persistent persons keyed by NIK. The engine depends on this interface only, so the store technology (Chronicle
 * Map today) stays replaceable. A deleted person leaves a tombstone (counted by {@link #deleted()}, removed by
 * compaction) and is never returned again; its NIK may be enrolled anew. Implementations are thread-safe.
 */
interface PersonStore extends AutoCloseable {

    /**
     * Adds the person unless the NIK is held by a live person (a tombstone is replaced).
     *
     * @param seq the journal entry doing it (kept with the value: {@link #version})
     * @return false when the NIK was already held (nothing changed)
     */
    boolean insert(PersonRecord person, long seq);

    /** Replaces the live person under {@code person.nik()} (or adds it): demographics corrected. */
    void put(PersonRecord person, long seq);

    /**
     * Deletes the live person {@code nik}, leaving a tombstone.
     *
     * @return the person deleted, empty when none was live (nothing changed)
     */
    Optional<PersonRecord> delete(Nik nik, Instant at, long seq);

    /**
     * Takes {@code nik} away without counting a deletion (the person moved to a corrected NIK); a tombstone keeps
     * the entry's number. @return whether a live person was there
     */
    boolean remove(Nik nik, long seq);

    /**
     * The journal entry that last changed {@code nik} (live or tombstone), 0 when none did or the store predates
     * journals: redoing an entry at or below it would undo a later one, so it is skipped.
     */
    long version(Nik nik);

    Optional<PersonRecord> get(Nik nik);

    boolean contains(Nik nik);

    /** Live persons. */
    long size();

    /** Tombstones of deleted persons not yet compacted away. */
    long deleted();

    /**
     * Entries of any kind (live persons, tombstones, reserved entries), counted without reading them: tells whether
     * counts saved at a checkpoint still describe the store.
     */
    long entries();

    /** Takes {@link #size()} and {@link #deleted()} from a checkpoint instead of counting. */
    void restoreCounts(long live, long deleted);

    /** Counts {@link #size()} and {@link #deleted()} by reading every entry. */
    void recount();

    /** Every live person, in no particular order. */
    void forEach(Consumer<PersonRecord> action);

    /** Forces the store's pages to disk (a journal checkpoint follows). */
    void flush();

    /** Store files and their sizes in bytes. */
    Map<String, Long> files();

    @Override
    void close();
}
