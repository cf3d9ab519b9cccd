package id.satunik.index;

import id.satunik.EngineOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code satunik compact}: drops what deleted persons left behind — their tombstones, their iris codes (dead slots)
 * and their journal entries, templates included, so that a deletion by court order removes the person from every
 * file. The live persons are written as a new journal in a folder {@value #TEMPORARY} inside the store, the store
 * files are rebuilt from it there, and a marker {@value #COMPLETE} listing the new files is written last; then the
 * files are moved over the old ones. A crash before the marker leaves the old store (the folder is discarded on
 * the next open); after it, the next open finishes the moves. The audit log is kept (it names no template).
 * Journal entries are numbered afresh: take a new backup after compacting.
 *
 * <p>Stateless; thread-safe (the store lock serialises compactions with everything else).
 */
final class Compaction {
    static final String TEMPORARY = "compact.tmp";
    static final String COMPLETE = "COMPLETE";
    /** The files compaction rebuilds; anything else in the store folder is kept. */
    static final List<String> DERIVED = derived();

    private static List<String> derived() {
        List<String> names = new java.util.ArrayList<>(List.of(ChronicleMapPersonStore.FILE, "iris-right.codes",
                "iris-left.codes", FingerIndex.PERSONS_FILE));
        for (id.satunik.FingerPosition position : id.satunik.FingerPosition.values()) {
            names.add(FingerIndex.fileOf(Path.of("."), position).getFileName().toString());
            names.add(FingerIndex.sketchOf(Path.of("."), position).getFileName().toString());
        }
        names.add(Journal.FILE);
        names.add(Checkpoint.FILE);
        return List.copyOf(names);
    }

    private Compaction() {
    }

    /** Compacts the store of {@code options}; @return the persons deleted whose traces were removed */
    static long run(EngineOptions options) {
        Path dir = options.store();
        List<JournalEntry.Enroll> live;
        TemplateCipher cipher;
        long deleted;
        try (DefaultDedupEngine engine = DefaultDedupEngine.open(options)) {
            live = engine.livePersons();
            cipher = engine.cipher();
            deleted = engine.stats().deleted();
        }
        Path tmp = dir.resolve(TEMPORARY);
        try (StoreIdentity lock = StoreIdentity.open(dir)) {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            // the rebuilt files carry this store's identity (store.id itself is not moved: it is the same)
            StoreIdentity.prepare(tmp, lock.id());
            if (Files.exists(dir.resolve(TemplateCipher.MARKER))) {
                Files.copy(dir.resolve(TemplateCipher.MARKER), tmp.resolve(TemplateCipher.MARKER));
            }
            try (Journal journal = Journal.open(tmp, cipher, options.durability(), Checkpoint.START, e -> { })) {
                for (JournalEntry.Enroll person : live) {
                    journal.append(person, person.at());
                }
                journal.force();
            }
            // Rebuild the store files from the new journal, in the temporary folder.
            try (DefaultDedupEngine rebuilt = DefaultDedupEngine.open(options.withStore(tmp))) {
                rebuilt.stats();
            }
            Files.deleteIfExists(tmp.resolve(AuditLog.FILE));
            StringBuilder present = new StringBuilder();
            for (String name : DERIVED) {
                if (Files.exists(tmp.resolve(name))) {
                    present.append(name).append('\n');
                }
            }
            Files.writeString(tmp.resolve(COMPLETE), present.toString());
            Journal.forceDirectory(tmp);
            finishOrDiscard(dir);
            try (AuditLog audit = AuditLog.open(dir, options.durability())) {
                audit.record(java.time.Instant.now(), options.operator(), "compact", null, "COMPACTED", 0,
                        live.size() + " live persons kept, " + deleted + " deleted persons removed");
                audit.force();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact " + dir + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    /**
     * Finishes a compaction whose marker was written (moves the new files over the old), or discards a temporary
     * folder left without one. Called on every open, under the store lock.
     */
    static void finishOrDiscard(Path dir) {
        Path tmp = dir.resolve(TEMPORARY);
        if (!Files.isDirectory(tmp)) {
            return;
        }
        try {
            Path marker = tmp.resolve(COMPLETE);
            if (Files.exists(marker)) {
                List<String> present = Files.readAllLines(marker, StandardCharsets.UTF_8);
                for (String name : DERIVED) {
                    if (present.contains(name)) {
                        if (Files.exists(tmp.resolve(name))) {
                            Files.move(tmp.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                                    StandardCopyOption.ATOMIC_MOVE);
                        }
                    } else {
                        Files.deleteIfExists(dir.resolve(name));
                    }
                }
                // the demographic index counts the old journal's entries: rebuilt from the new store at the next open
                deleteTree(dir.resolve(DemographicIndex.FOLDER));
                Journal.forceDirectory(dir);
            }
            deleteTree(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the compaction in " + tmp + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
