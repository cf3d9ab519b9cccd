package id.satunik.index;

import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EyePosition;
import id.satunik.matcher.FingerTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code satunik verify-store} and {@code satunik repair}: what an operator runs on a store the engine refused.
 * Opening checks every file's header and identity (cheap: a store of millions opens without reading its
 * persons); verifying then reads everything: every person record's and iris record's checksum, every fingerprint
 * template, and every iris slot a person names.
 *
 * <p>Stateless; thread-safe. Neither runs while another process has the store open (the lock refuses it), but
 * a writer whose {@code store.id} was deleted under it still holds its lock on the deleted file: stop every
 * process on the store before {@link #adopt}.
 */
public final class StoreMaintenance {
    private StoreMaintenance() {
    }

    /**
     * What {@code satunik verify-store} found on a store that opened and whose every record reads.
     *
     * @param summary  persons, fingerprints and files checked
     * @param problems the history checks' findings ({@link DedupEngine#verifyStore}: audit chain, journal frames,
     *                 persons against the journal); empty when sound
     */
    public record Verification(String summary, List<String> problems) {
        public Verification {
            problems = List.copyOf(problems);
        }
    }

    /** {@link #verify(EngineOptions)} of a store in the clear; @return its summary */
    public static String verify(Path dir, int threads) {
        return verify(EngineOptions.at(dir).withThreads(threads)).summary();
    }

    /**
     * Opens the store as the engine does, reads every record (the full pass), runs the history checks, and closes
     * it.
     *
     * @throws IllegalStateException naming the file and what is wrong when the store cannot be opened or a record,
     *                               template or iris slot is damaged
     */
    public static Verification verify(EngineOptions options) {
        Path dir = options.store();
        try (DefaultDedupEngine engine = DefaultDedupEngine.open(options)) {
            // opening checked identities and headers; now every record, as a search would meet it
            long[] counts = new long[2];
            IrisGallery irises = engine.irisGallery();
            engine.personStore().forEach(person -> { // decoding verifies each record's checksum
                for (FingerTemplate finger : person.fingers()) {
                    try {
                        new FingerprintTemplate(finger.bytes());
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("person store " + dir.resolve(ChronicleMapPersonStore.FILE)
                                + " is damaged: the " + finger.position() + " template of NIK " + person.nik()
                                + " cannot be read (" + e.getMessage() + ")", e);
                    }
                    counts[1]++;
                }
                irises.checkSlots(person.nik(), person.irisSlots());
                counts[0]++;
            });
            irises.verifyRecords();
            String fingers = DerivedFiles.fingerIndexDamage(engine.fingerIndex(), persons(engine.personStore()));
            if (fingers != null) {
                throw new IllegalStateException(fingers);
            }
            List<String> problems = engine.verifyStore();
            String summary = String.format(java.util.Locale.ROOT, "store %s is sound: %,d persons, %,d fingerprints,"
                    + " files %s; every header, identity, record checksum, template, iris slot and finger index entry verified", dir,
                    counts[0], counts[1], engine.stats().files().keySet());
            return new Verification(summary, problems);
        }
    }

    private static List<PersonRecord> persons(PersonStore store) {
        List<PersonRecord> all = new ArrayList<>();
        store.forEach(all::add);
        return all;
    }

    /**
     * {@code satunik repair}: makes a store whose derivable files are missing or damaged whole again, then verifies
     * it. In order: a missing {@code store.id} is adopted ({@link #adopt}); the finger index is checked against the
     * person store (headers, identity, every record's checksum, every person's entry) and rebuilt from the
     * templates in the person store when it fails; each iris code file is checked likewise (headers, identity,
     * record checksums, every slot a person names) and rebuilt, when it fails, from the eyes the journal holds for
     * the live persons (the person store keeps only their slots). The person store, the journal and the audit log
     * are the sources: damage to them is reported (restore from a backup). Rebuilt files keep the damaged ones
     * beside them as {@code NAME.damaged}. Re-runnable: a repair cut short is finished by the next.
     *
     * @return what was done and the verification's summary
     * @throws IllegalStateException naming the file when a source is damaged
     */
    public static String repair(EngineOptions options) {
        Path dir = options.store();
        List<String> done = new ArrayList<>();
        if (!Files.exists(dir.resolve(StoreIdentity.FILE)) && !StoreIdentity.dataFiles(dir).isEmpty()) {
            done.add(adoptIdentity(options));
        }
        done.addAll(DerivedFiles.repair(options));
        String summary = verify(options).summary();
        return (done.isEmpty() ? "store " + dir + ": nothing to repair" : String.join("; ", done)) + "; " + summary;
    }

    /**
     * Gives a store written before store identities (data files, no {@code store.id}) an identity: writes
     * {@code store.id} and the same id into persons.cmap and each iris file, then verifies the store.
     *
     * @return what was done
     * @throws IllegalStateException when the store already has an identity, has no person file, or fails
     *                               verification afterwards
     */
    public static String adopt(Path dir, int threads) {
        return adopt(EngineOptions.at(dir).withThreads(threads));
    }

    /** {@link #adopt(Path, int)} with the options (key, threads) the verification after it opens the store with. */
    public static String adopt(EngineOptions options) {
        return adoptIdentity(options) + "; " + verify(options).summary();
    }

    private static String adoptIdentity(EngineOptions options) {
        Path dir = options.store();
        List<String> data = StoreIdentity.dataFiles(dir);
        if (!data.contains(ChronicleMapPersonStore.FILE)) {
            throw new IllegalStateException("store " + dir + " has no " + ChronicleMapPersonStore.FILE
                    + "; its persons cannot be rebuilt from the iris files (they hold only NIKs and codes)");
        }
        // the id the files already carry (store.id deleted), else a new one (a store written before identities)
        UUID carried;
        try (ChronicleMapPersonStore persons = ChronicleMapPersonStore.open(dir, EngineOptions.DEFAULT_CAPACITY)) {
            carried = persons.storeId();
        }
        for (EyePosition eye : EyePosition.values()) {
            Path file = IrisGallery.fileOf(dir, eye);
            if (Files.exists(file)) {
                try (IrisCodeFile codes = IrisCodeFile.open(file, eye)) {
                    UUID own = codes.storeId();
                    if (own != null && carried != null && !own.equals(carried)) {
                        throw new IllegalStateException("store " + dir + " mixes files of two stores: " + file
                                + " belongs to " + own + ", " + ChronicleMapPersonStore.FILE + " to " + carried);
                    }
                    carried = carried != null ? carried : own;
                }
            }
        }
        UUID id = StoreIdentity.adopt(dir, carried != null ? carried : UUID.randomUUID());
        List<String> done = new ArrayList<>();
        try (ChronicleMapPersonStore persons = ChronicleMapPersonStore.open(dir, EngineOptions.DEFAULT_CAPACITY)) {
            persons.adoptIfAbsent(id);
            done.add(ChronicleMapPersonStore.FILE);
        }
        for (EyePosition eye : EyePosition.values()) {
            Path file = IrisGallery.fileOf(dir, eye);
            if (Files.exists(file)) {
                try (IrisCodeFile codes = IrisCodeFile.open(file, eye)) {
                    if (codes.storeId() == null) {
                        codes.adopt(id);
                    }
                    done.add(file.getFileName().toString());
                }
            }
        }
        return "store " + dir + " adopted as " + id + (carried != null ? " (the id its files carry)" : " (new id)")
                + ", written to store.id and " + String.join(", ", done);
    }
}
