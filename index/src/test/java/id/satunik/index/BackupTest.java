package id.satunik.index;

import static id.satunik.index.IrisEngineTest.SUBJECTS;
import static id.satunik.index.IrisEngineTest.eyes;
import static id.satunik.index.Records.nik;
import static id.satunik.index.Records.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Candidate;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while a dedup batch runs restores to a store that verifies and answers identify like the
 * original at the backup's journal position; with the original's journal as tail, like the original at its end.
 */
class BackupTest {
    @TempDir
    Path dir;

    private static List<String> matches(List<Candidate> candidates, Set<String> among) {
        return candidates.stream().filter(c -> c.score() >= 40 && among.contains(c.nik().value()))
                .map(c -> c.nik().value() + "=" + c.score()).toList();
    }

    @Test
    void backupDuringARunningBatchRestoresToItsJournalPosition() throws Exception {
        List<EnrollmentRecord> batch = new ArrayList<>();
        List<EnrollmentRecord> probes = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            batch.add(single(nik(100 + f), "fvc2002-db1b", 101 + f, 1));
            batch.add(single(nik(200 + f), "fvc2002-db1b", 101 + f, 2));
            probes.add(single(null, "fvc2002-db1b", 101 + f, 4));
        }
        for (int p = 0; p < 4; p++) {
            batch.add(eyes(nik(300 + p), SUBJECTS[p], 1).build());
            probes.add(eyes(null, SUBJECTS[p], 3).build());
        }
        EngineOptions options = EngineOptions.at(dir.resolve("live")).withThreads(2).withCapacity(300);
        Path backup = dir.resolve("backup");
        try (DedupEngine original = DedupEngine.open(options)) {
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> original.dedupAll(batch, d -> { }));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (original.stats().persons() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long seq = original.backup(backup);
            running.get(5, TimeUnit.MINUTES);
            assertTrue(seq >= 1, "entries before the backup: " + seq);

            Set<String> atSnapshot = new HashSet<>();
            Set<String> atEnd = new HashSet<>();
            Journal.read(dir.resolve("live").resolve(Journal.FILE), TemplateCipher.CLEAR, e -> {
                if (e instanceof JournalEntry.Enroll enroll) {
                    atEnd.add(enroll.person().nik().value());
                    if (e.seq() <= seq) {
                        atSnapshot.add(enroll.person().nik().value());
                    }
                }
            });
            assertEquals(14, atEnd.size());
            assertTrue(atSnapshot.size() < atEnd.size(), "the batch went on after the backup: " + seq);

            assertEquals(seq, DedupEngine.restore(backup, null, options.withStore(dir.resolve("restored"))));
            try (DedupEngine restored = DedupEngine.open(options.withStore(dir.resolve("restored")))) {
                assertEquals(List.of(), restored.verifyStore());
                assertEquals(atSnapshot.size(), restored.stats().persons());
                for (EnrollmentRecord probe : probes) {
                    assertEquals(matches(original.identify(probe), atSnapshot),
                            matches(restored.identify(probe), atSnapshot), "identify like the original at " + seq);
                }
            }

            Path tail = dir.resolve("live").resolve(Journal.FILE);
            long last = DedupEngine.restore(backup, tail, options.withStore(dir.resolve("replayed")));
            try (DedupEngine replayed = DedupEngine.open(options.withStore(dir.resolve("replayed")))) {
                assertTrue(last > seq);
                assertEquals(List.of(), replayed.verifyStore());
                assertEquals(original.stats().persons(), replayed.stats().persons());
                for (EnrollmentRecord probe : probes) {
                    assertEquals(matches(original.identify(probe), atEnd), matches(replayed.identify(probe), atEnd),
                            "identify like the original at its end");
                }
            }
        }
    }
}
