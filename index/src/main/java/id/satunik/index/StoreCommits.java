package id.satunik.index;

import id.satunik.Durability;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.matcher.FingerMinutiae;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.PreparedFinger;
import java.util.EnumMap;
import id.satunik.Nik;
import id.satunik.matcher.IrisTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commit protocol of a store: every change is first appended to the write-ahead {@link Journal} (forced per
 * {@link Durability}), then applied to the store files — the iris code files, the finger index, then the person
 * store that names their slots, then the {@link DemographicIndex}; any new index file joins by being updated in {@link #apply} (idempotently) and forced in {@link #checkpoint}. Every
 * {@value #CHECKPOINT_EVERY} entries and on close the files are forced and a {@link Checkpoint} records the last
 * entry they hold; on open, the entries after it are redone: insert-if-absent, delete-if-live, update-if-still-
 * under-the-old-NIK, so redoing an entry that had already reached the files changes nothing and an operation a
 * crash cut in half is completed. Each person value keeps the number of the entry that last changed it
 * ({@link PersonStore#version}), and an entry at or below it is skipped: redoing a delete of a NIK that a later
 * correction gave to another person cannot remove that person.
 *
 * <p>A store created before journals existed is adopted: its persons are journalled once on first open.
 *
 * <p>Thread-safety: not thread-safe; the engine calls it under its enrollment lock.
 */
final class StoreCommits implements AutoCloseable {
    static final int CHECKPOINT_EVERY = 4096;

    private final Path dir;
    private final PersonStore store;
    private final FingerIndex fingerIndex;
    private final IrisGallery irises;
    private final DemographicIndex demographics;
    private final Journal journal;
    private long sinceCheckpoint;
    private long redone;
    private boolean rebuilt;

    private StoreCommits(Path dir, PersonStore store, FingerIndex fingerIndex, IrisGallery irises,
                         DemographicIndex demographics, TemplateCipher cipher, Durability durability) {
        this.dir = dir;
        this.store = store;
        this.fingerIndex = fingerIndex;
        this.irises = irises;
        this.demographics = demographics;
        boolean journalled = Files.exists(dir.resolve(Journal.FILE));
        if (!journalled) {
            store.recount(); // a store from before journals, or a new one: no checkpoint holds its counts
        }
        boolean adopt = !journalled && store.size() > 0;
        Checkpoint checkpoint = adopt ? Checkpoint.START : Checkpoint.read(dir);
        // The demographic index is committed at the checkpoints too, but separately from the store files: one at
        // or past the checkpoint takes the redone entries it lacks; one behind it (or missing) is rebuilt.
        long indexed = demographics.committedSeq();
        boolean rebuild = adopt || indexed < checkpoint.seq();
        this.journal = Journal.open(dir, cipher, durability, checkpoint, entry -> {
            apply(entry, null);
            if (!rebuild && entry.seq() > indexed) {
                index(entry);
            }
            redone++;
        });
        if (journalled) {
            // Counts saved at the checkpoint hold when nothing was redone after it and no entry came or went
            // outside the journal; otherwise (after a crash) every person is read to count them.
            if (redone == 0 && checkpoint.hasCounts() && checkpoint.entries() == store.entries()) {
                store.restoreCounts(checkpoint.live(), checkpoint.deleted());
            } else {
                store.recount();
            }
        }
        if (adopt) {
            adoptExisting();
        }
        // a last guard against any other disagreement (files put back by hand, an index of another history)
        if (rebuild || demographics.size() != store.size()) {
            demographics.rebuild(store, journal.lastSeq());
            rebuilt = true;
        }
        if (redone > 0 || adopt) {
            checkpoint();
        }
    }

    /** Whether the demographic index was rebuilt from the person store on open. */
    boolean demographicsRebuilt() {
        return rebuilt;
    }

    /** Opens the journal of the store in {@code dir} and redoes what its files lack. */
    static StoreCommits open(Path dir, PersonStore store, FingerIndex fingerIndex, IrisGallery irises,
                             DemographicIndex demographics, TemplateCipher cipher, Durability durability) {
        return new StoreCommits(dir, store, fingerIndex, irises, demographics, cipher, durability);
    }

    /** Entries redone on open (interrupted or not yet checkpointed operations). */
    long redone() {
        return redone;
    }

    private void adoptExisting() {
        List<PersonRecord> persons = new ArrayList<>();
        store.forEach(persons::add);
        for (PersonRecord person : persons) {
            List<IrisTemplate> eyes = new ArrayList<>();
            person.irisSlots().forEach((eye, slot) -> eyes.add(irises.templateAt(eye, slot)));
            journal.append(new JournalEntry.Enroll(0, person.enrolledAt(), person, eyes), person.enrolledAt());
        }
        journal.force();
    }

    /**
     * Journals and stores a new person.
     *
     * @param minutiae the fingers' minutiae for the finger index (derived from the templates when null)
     * @return the person as stored (with its iris slots and finger index ordinal)
     */
    PersonRecord enroll(PersonRecord person, List<IrisTemplate> eyes, Map<FingerPosition, FingerMinutiae> minutiae,
                        Instant at) {
        JournalEntry entry = journal.append(new JournalEntry.Enroll(0, at, person, eyes), at);
        PersonRecord stored = (PersonRecord) apply(entry, minutiae);
        index(entry);
        afterApply();
        return stored;
    }

    /** Journals and applies a delete; @return the person deleted */
    PersonRecord delete(Nik nik, String reason, Instant at) {
        JournalEntry entry = journal.append(new JournalEntry.Delete(0, at, nik, reason), at);
        PersonRecord deleted = (PersonRecord) apply(entry, null);
        index(entry);
        afterApply();
        return deleted;
    }

    /** Journals and applies a correction; @return the person as stored now */
    PersonRecord update(JournalEntry.Update update, Instant at) {
        JournalEntry entry = journal.append(update, at);
        PersonRecord updated = (PersonRecord) apply(entry, null);
        index(entry);
        afterApply();
        return updated;
    }

    /**
     * Redoes one entry on the store files; idempotent. @return the person the entry stored, deleted or updated
     * (null when the files already reflected it and nothing changed)
     */
    private Object apply(JournalEntry entry, Map<FingerPosition, FingerMinutiae> minutiae) {
        return switch (entry) {
            case JournalEntry.Enroll e -> {
                Nik nik = e.person().nik();
                if (store.version(nik) >= e.seq() || store.contains(nik)) {
                    yield null;
                }
                PersonRecord p = e.person();
                Map<EyePosition, Integer> slots = irises.append(nik, e.eyes());
                long ordinal = indexFingers(nik, p.fingers(), minutiae);
                PersonRecord stored = new PersonRecord(nik, p.name(), p.birthDate(), p.sex(), p.region(),
                        p.enrolledAt(), p.fingers(), slots, ordinal);
                store.insert(stored, e.seq());
                yield stored;
            }
            case JournalEntry.Delete d -> store.version(d.nik()) >= d.seq() ? null
                    : store.delete(d.nik(), d.at(), d.seq()).orElse(null);
            case JournalEntry.Update u -> {
                if (store.version(u.to()) >= u.seq() || store.version(u.from()) >= u.seq()) {
                    yield null;
                }
                Optional<PersonRecord> old = store.get(u.from());
                if (old.isEmpty()) {
                    yield null;
                }
                PersonRecord o = old.get();
                Map<EyePosition, Integer> slots = o.irisSlots();
                long ordinal = o.fingerOrdinal();
                if (!u.from().equals(u.to())) {
                    // The index entries carry the NIK they were written under: the person gets new ones under
                    // the corrected NIK (the old ones are dead: no stored person confirms them).
                    List<IrisTemplate> eyes = new ArrayList<>();
                    o.irisSlots().forEach((eye, slot) -> eyes.add(irises.templateAt(eye, slot)));
                    slots = irises.append(u.to(), eyes);
                    ordinal = indexFingers(u.to(), o.fingers(), null);
                }
                PersonRecord updated = new PersonRecord(u.to(), u.name(), u.birthDate(), u.sex(), u.region(),
                        o.enrolledAt(), o.fingers(), slots, ordinal);
                store.put(updated, u.seq());
                if (!u.from().equals(u.to())) {
                    store.remove(u.from(), u.seq());
                }
                yield updated;
            }
        };
    }

    /**
     * Redoes one entry on the demographic index, from the entry alone (it carries every demographic field):
     * idempotent, and in journal order it leaves the index as the entry left the store.
     */
    private void index(JournalEntry entry) {
        switch (entry) {
            case JournalEntry.Enroll e -> demographics.put(e.person());
            case JournalEntry.Delete d -> demographics.remove(d.nik());
            case JournalEntry.Update u -> {
                if (!u.from().equals(u.to())) {
                    demographics.remove(u.from());
                }
                demographics.put(u.to(), u.name(), u.birthDate(), u.sex(), u.region());
            }
        }
    }

    /** Appends the person's fingers to the finger index; -1 when it has none. */
    private long indexFingers(Nik nik, List<FingerTemplate> fingers, Map<FingerPosition, FingerMinutiae> minutiae) {
        if (fingers.isEmpty()) {
            return -1;
        }
        Map<FingerPosition, FingerMinutiae> entries = minutiae;
        if (entries == null) {
            entries = new EnumMap<>(FingerPosition.class);
            for (FingerTemplate finger : fingers) {
                entries.put(finger.position(), PreparedFinger.of(finger).minutiae());
            }
        }
        return fingerIndex.append(nik, entries);
    }

    private void afterApply() {
        if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
            checkpoint();
        }
    }

    /** Makes what was journalled durable at the chosen level: called before a decision is reported. */
    void sync() {
        journal.sync();
    }

    /** Forces the store files, then records that they hold every entry so far. */
    void checkpoint() {
        journal.force();
        store.flush();
        fingerIndex.flush();
        irises.flush();
        demographics.commit(journal.lastSeq());
        new Checkpoint(journal.lastSeq(), journal.size(), store.size(), store.deleted(), store.entries()).write(dir);
        sinceCheckpoint = 0;
    }

    long lastSeq() {
        return journal.lastSeq();
    }

    /** Bytes of complete entries in the journal (a consistent prefix for a backup). */
    long journalSize() {
        return journal.size();
    }

    /** Journal bytes forced to disk (what survives a power cut). */
    long journalForced() {
        return journal.forcedSize();
    }

    Path journalPath() {
        return journal.path();
    }

    @Override
    public void close() {
        try {
            checkpoint();
        } finally {
            journal.close();
        }
    }
}
