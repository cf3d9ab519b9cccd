package id.satunik.index;

import id.satunik.Nik;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code satunik verify-store}: the checks that tell an auditor the store is what its history says — the audit
 * log's hash chain is whole, every journal frame passes its CRC32C and the entries are numbered without a gap, and
 * the persons in the person store are exactly those the journal leaves enrolled.
 *
 * <p>Stateless; thread-safe.
 */
final class StoreVerification {
    private static final int LISTED = 10;

    private StoreVerification() {
    }

    static List<String> check(Path dir, PersonStore store, TemplateCipher cipher) {
        List<String> problems = new ArrayList<>(AuditLog.verify(dir.resolve(AuditLog.FILE)).problems());
        Set<Nik> live = new HashSet<>();
        Path journal = dir.resolve(Journal.FILE);
        if (Files.exists(journal)) {
            try {
                Journal.Scan scan = Journal.read(journal, cipher, entry -> {
                    switch (entry) {
                        case JournalEntry.Enroll e -> live.add(e.person().nik());
                        case JournalEntry.Delete d -> live.remove(d.nik());
                        case JournalEntry.Update u -> {
                            if (live.remove(u.from())) {
                                live.add(u.to());
                            }
                        }
                    }
                });
                if (scan.torn()) {
                    problems.add("journal: a damaged frame at byte " + scan.end() + " (entries after "
                            + scan.lastSeq() + " unreadable)");
                }
            } catch (RuntimeException e) {
                problems.add("journal: " + e.getMessage());
            }
        }
        List<String> missing = new ArrayList<>();
        for (Nik nik : live) {
            if (!store.contains(nik)) {
                missing.add(nik.value());
            }
        }
        if (!missing.isEmpty()) {
            problems.add("person store lacks " + missing.size() + " person(s) the journal enrolled, e.g. "
                    + missing.subList(0, Math.min(LISTED, missing.size())));
        }
        if (store.size() != live.size()) {
            List<String> extra = new ArrayList<>();
            store.forEach(p -> {
                if (!live.contains(p.nik()) && extra.size() < LISTED) {
                    extra.add(p.nik().value());
                }
            });
            problems.add("person store holds " + store.size() + " persons, the journal leaves " + live.size()
                    + (extra.isEmpty() ? "" : "; not in the journal: " + extra));
        }
        return problems;
    }
}
