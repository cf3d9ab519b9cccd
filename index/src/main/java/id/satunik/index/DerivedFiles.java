package id.satunik.index;

import id.satunik.EngineOptions;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.FingerMinutiae;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.IrisTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The files of a store that are derived from its sources ({@code satunik repair}): the finger index, derived from
 * the SourceAFIS templates in the person store, and the iris code files, derived from the eyes the journal holds
 * for every live person (the person store keeps only each eye's slot). Checks them against the person store and
 * rebuilds the ones that fail.
 *
 * <p>The finger index is rebuilt at the ordinals the persons already name (ordinals no live person names become
 * empty entries, never proposed), so the person store is not touched; the iris files are rebuilt compactly and each
 * person's slots rewritten (at the same journal version: slots are not journalled, the journal redo derives them).
 *
 * <p>Stateless; thread-safe. Runs under the store's lock, as every opener does.
 */
final class DerivedFiles {
    static final String DAMAGED = ".damaged";

    private DerivedFiles() {
    }

    /**
     * What is wrong with the finger index against the persons, null when every person with fingers has its entry
     * (its ordinal within the index, the same NIK and fingers) and every entry passes its checksum.
     */
    static String fingerIndexDamage(FingerIndex index, List<PersonRecord> persons) {
        try {
            index.verifyRecords();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        for (PersonRecord person : persons) {
            if (person.fingers().isEmpty()) {
                continue;
            }
            long ordinal = person.fingerOrdinal();
            if (ordinal < 0 || ordinal >= index.size()) {
                return "finger index is damaged: " + FingerIndex.PERSONS_FILE + " holds " + index.size()
                        + " persons, but NIK " + person.nik() + " names entry " + ordinal + " (truncated?)";
            }
            if (index.nikAt(ordinal) != person.nik().toLong() || index.maskAt(ordinal) != mask(person)) {
                return "finger index is damaged: entry " + ordinal + " of " + FingerIndex.PERSONS_FILE
                        + " holds NIK " + index.nikAt(ordinal) + " with fingers " + index.positionsAt(ordinal)
                        + ", but NIK " + person.nik() + " with fingers "
                        + person.fingers().stream().map(FingerTemplate::position).toList() + " names it";
            }
        }
        return null;
    }

    private static int mask(PersonRecord person) {
        int mask = 0;
        for (FingerTemplate finger : person.fingers()) {
            mask |= 1 << finger.position().ordinal();
        }
        return mask;
    }

    /** Checks and rebuilds what fails; @return one line per file rebuilt (empty when all were sound) */
    static List<String> repair(EngineOptions options) {
        Path dir = options.store();
        List<String> done = new ArrayList<>();
        try (StoreIdentity lock = StoreIdentity.open(dir)) {
            Compaction.finishOrDiscard(dir);
            TemplateCipher cipher = TemplateCipher.forStore(dir, options.key(), false);
            try (ChronicleMapPersonStore store = ChronicleMapPersonStore.open(dir, options.capacity(), cipher,
                    lock.id(), false)) {
                List<PersonRecord> persons = new ArrayList<>();
                store.forEach(persons::add);
                String fingers = fingerDamage(dir, lock.id(), persons);
                if (fingers != null) {
                    rebuildFingerIndex(dir, lock.id(), persons);
                    done.add("finger index rebuilt from the person store's templates (" + fingers + ")");
                }
                Map<EyePosition, String> eyes = new EnumMap<>(EyePosition.class);
                for (EyePosition eye : EyePosition.values()) {
                    String damage = irisDamage(dir, lock.id(), eye, persons);
                    if (damage != null) {
                        eyes.put(eye, damage);
                    }
                }
                if (!eyes.isEmpty()) {
                    rebuildIrises(dir, lock.id(), cipher, store, persons, eyes.keySet());
                    eyes.forEach((eye, damage) -> done.add(IrisGallery.fileOf(dir, eye).getFileName()
                            + " rebuilt from the journal's eyes (" + damage + ")"));
                }
                store.flush();
            }
        }
        return done;
    }

    private static String fingerDamage(Path dir, UUID id, List<PersonRecord> persons) {
        try (FingerIndex index = FingerIndex.open(dir, id, false)) {
            return fingerIndexDamage(index, persons);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static void rebuildFingerIndex(Path dir, UUID id, List<PersonRecord> persons) {
        setAside(dir.resolve(FingerIndex.PERSONS_FILE));
        for (FingerPosition position : FingerPosition.values()) {
            setAside(FingerIndex.fileOf(dir, position));
            setAside(FingerIndex.sketchOf(dir, position));
        }
        List<PersonRecord> indexed = persons.stream().filter(p -> !p.fingers().isEmpty())
                .sorted(Comparator.comparingLong(PersonRecord::fingerOrdinal)).toList();
        try (FingerIndex index = FingerIndex.open(dir, id, true)) {
            for (PersonRecord person : indexed) {
                // the minutiae as enrollment derived them: parsed from the same serialized template
                Map<FingerPosition, FingerMinutiae> minutiae = new EnumMap<>(FingerPosition.class);
                for (FingerTemplate finger : person.fingers()) {
                    minutiae.put(finger.position(), FingerMinutiae.parse(finger.bytes()));
                }
                if (person.fingerOrdinal() < index.size()) {
                    throw new IllegalStateException("person store is damaged: NIK " + person.nik() + " names finger "
                            + "index entry " + person.fingerOrdinal() + ", which another person names too");
                }
                index.appendAt(person.fingerOrdinal(), person.nik(), minutiae);
            }
            index.flush();
        }
    }

    private static String irisDamage(Path dir, UUID id, EyePosition eye, List<PersonRecord> persons) {
        Path path = IrisGallery.fileOf(dir, eye);
        boolean named = persons.stream().anyMatch(p -> p.irisSlots().containsKey(eye));
        if (!Files.exists(path)) {
            return named ? "iris store " + path + " is missing, but persons name slots in it" : null;
        }
        try (IrisCodeFile file = IrisCodeFile.open(path, eye, id, false)) {
            file.verifyRecords();
            for (PersonRecord person : persons) {
                Integer slot = person.irisSlots().get(eye);
                if (slot != null && (slot >= file.size() || file.nikAt(slot) != person.nik().toLong())) {
                    return "iris store " + path + " holds " + file.size() + " eyes; slot " + slot + " of NIK "
                            + person.nik() + (slot >= file.size() ? " is beyond them" : " holds another NIK");
                }
            }
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** The live persons' eyes as the journal holds them: enrollments, moved by NIK corrections, removed by deletes. */
    private static Map<Nik, List<IrisTemplate>> journalEyes(Path dir, TemplateCipher cipher) {
        Path journal = dir.resolve(Journal.FILE);
        if (!Files.exists(journal)) {
            throw new IllegalStateException("cannot rebuild the iris files: " + journal + " is missing (the person store "
                    + "keeps only the eyes' slots); restore the store from a backup");
        }
        Map<Nik, List<IrisTemplate>> eyes = new HashMap<>();
        Journal.read(journal, cipher, entry -> {
            switch (entry) {
                case JournalEntry.Enroll e -> eyes.put(e.person().nik(), e.eyes());
                case JournalEntry.Delete d -> eyes.remove(d.nik());
                case JournalEntry.Update u -> {
                    if (!u.from().equals(u.to()) && eyes.containsKey(u.from())) {
                        eyes.put(u.to(), eyes.remove(u.from()));
                    }
                }
            }
        });
        return eyes;
    }

    private static void rebuildIrises(Path dir, UUID id, TemplateCipher cipher, PersonStore store,
                                      List<PersonRecord> persons, Set<EyePosition> damaged) {
        Map<Nik, List<IrisTemplate>> eyes = journalEyes(dir, cipher);
        // every eye to rebuild must be in the journal before any file is touched
        for (PersonRecord person : persons) {
            for (EyePosition eye : person.irisSlots().keySet()) {
                if (damaged.contains(eye) && eyeOf(eyes.get(person.nik()), eye) == null) {
                    throw new IllegalStateException("cannot rebuild " + IrisGallery.fileOf(dir, eye) + ": the journal "
                            + "holds no " + eye + " eye for NIK " + person.nik() + "; restore the store from a backup");
                }
            }
        }
        Map<EyePosition, IrisCodeFile> files = new EnumMap<>(EyePosition.class);
        try {
            for (EyePosition eye : EnumSet.copyOf(damaged)) {
                setAside(IrisGallery.fileOf(dir, eye));
                files.put(eye, IrisCodeFile.open(IrisGallery.fileOf(dir, eye), eye, id, true));
            }
            // in the order of the old slots, so that the rebuilt files scan in the order the old ones did
            List<PersonRecord> ordered = persons.stream().filter(p -> !p.irisSlots().isEmpty())
                    .sorted(Comparator.comparingInt(p -> p.irisSlots().values().iterator().next())).toList();
            for (PersonRecord person : ordered) {
                Map<EyePosition, Integer> slots = new EnumMap<>(person.irisSlots());
                boolean changed = false;
                for (EyePosition eye : person.irisSlots().keySet()) {
                    if (files.containsKey(eye)) {
                        slots.put(eye, files.get(eye).append(person.nik().toLong(), eyeOf(eyes.get(person.nik()), eye)));
                        changed = true;
                    }
                }
                if (changed) {
                    store.put(new PersonRecord(person.nik(), person.name(), person.birthDate(), person.sex(),
                            person.region(), person.enrolledAt(), person.fingers(), slots, person.fingerOrdinal()),
                            store.version(person.nik()));
                }
            }
        } finally {
            files.values().forEach(IrisCodeFile::close);
        }
    }

    private static IrisTemplate eyeOf(List<IrisTemplate> eyes, EyePosition position) {
        if (eyes == null) {
            return null;
        }
        return eyes.stream().filter(e -> e.position() == position).findFirst().orElse(null);
    }

    /** Moves a damaged file out of the store's names (kept beside it for inspection), if it exists. */
    private static void setAside(Path file) {
        try {
            if (Files.exists(file)) {
                Files.move(file, file.resolveSibling(file.getFileName() + DAMAGED), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " aside: " + e.getMessage(), e);
        }
    }
}
