package id.satunik.index;

import static id.satunik.index.IrisEngineTest.SUBJECTS;
import static id.satunik.index.IrisEngineTest.eyes;
import static id.satunik.index.Records.nik;
import static id.satunik.index.Records.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.DedupDecision;
import id.satunik.DedupDecision.Kind;
import id.satunik.DedupEngine;
import id.satunik.Durability;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.Nik;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut: every write after the last fsync may be lost, or land partly. A dedup batch runs with durability
 * RECORD (dedupAll) or BATCH (one call per record, each its own group); at every acknowledged decision the
 * journal's forced length is noted (the bytes fsync had returned for when the decision was handed out). A cut is then
 * made at a random acknowledgement and a random byte between that length and the journal's end (the unsynced
 * writes that happened to reach the disk), and the store is rebuilt from the cut journal alone. At every cut: no
 * acknowledged enrollment lost, no person under two NIKs, the store opens and verifies, and reopens. 100 cuts
 * under {@code -Plarge}, 4 in the normal build.
 */
class PowerCutTest {
    @TempDir
    Path dir;

    /** What had been acknowledged when a decision was handed out. */
    private record Ack(long journalBytes, Set<String> enrolled) {
    }

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"RECORD", "BATCH"})
    void noAcknowledgedDecisionIsLostAtAnyCut(Durability durability) throws Exception {
        // 8 finger persons, 3 iris persons; then duplicates under other NIKs and re-submissions, shuffled
        List<EnrollmentRecord> records = new ArrayList<>();
        Map<String, String> personOf = new HashMap<>();
        for (int f = 0; f < 8; f++) {
            records.add(single(nik(100 + f), "fvc2002-db1b", 101 + f, 1));
            records.add(single(nik(200 + f), "fvc2002-db1b", 101 + f, 2));
            records.add(single(nik(100 + f), "fvc2002-db1b", 101 + f, 3));
            personOf.put(nik(100 + f), "finger" + f);
            personOf.put(nik(200 + f), "finger" + f);
        }
        for (int p = 0; p < 3; p++) {
            records.add(eyes(nik(300 + p), SUBJECTS[p], 1).build());
            records.add(eyes(nik(400 + p), SUBJECTS[p], 2).build());
            personOf.put(nik(300 + p), "eyes" + p);
            personOf.put(nik(400 + p), "eyes" + p);
        }
        Collections.shuffle(records, new Random(7));

        Path live = dir.resolve("live");
        Path journal = live.resolve(Journal.FILE);
        List<Ack> acks = new ArrayList<>();
        Set<String> enrolled = new HashSet<>();
        EngineOptions options = EngineOptions.at(live).withThreads(2).withCapacity(200).withDurability(durability);
        try (DedupEngine engine = DedupEngine.open(options)) {
            java.util.function.Consumer<DedupDecision> sink = d -> {
                if (d.kind() == Kind.ENROLLED) {
                    enrolled.add(d.nik());
                }
                acks.add(new Ack(((DefaultDedupEngine) engine).durableJournalBytes(), Set.copyOf(enrolled)));
            };
            if (durability == Durability.RECORD) {
                engine.dedupAll(records, sink);
            } else {
                records.forEach(r -> sink.accept(engine.dedup(r)));
            }
        }
        assertEquals(11, enrolled.size(), "one enrollment per person: " + enrolled);
        byte[] full = Files.readAllBytes(journal);

        int cuts = Boolean.getBoolean("satunik.large") ? 100 : 4;
        Random random = new Random(durability.ordinal() * 1000L + 1);
        for (int c = 0; c < cuts; c++) {
            Ack ack = acks.get(random.nextInt(acks.size()));
            long cut = ack.journalBytes() + (long) (random.nextDouble() * (full.length - ack.journalBytes() + 1));
            cut = Math.min(cut, full.length);
            Path rebuilt = Files.createDirectories(dir.resolve("cut-" + c));
            Files.write(rebuilt.resolve(Journal.FILE), Arrays.copyOf(full, (int) cut));
            EngineOptions at = options.withStore(rebuilt).withDurability(Durability.NONE);
            Set<String> stored;
            try (DefaultDedupEngine engine = (DefaultDedupEngine) DedupEngine.open(at)) {
                stored = engine.livePersons().stream().map(e -> e.person().nik().value())
                        .collect(Collectors.toSet());
                assertEquals(List.of(), engine.verifyStore(), "cut at byte " + cut);
            }
            String where = "cut at byte " + cut + " of " + full.length + " (" + durability + ")";
            assertTrue(stored.containsAll(ack.enrolled()), where + ": acknowledged enrollments lost: "
                    + ack.enrolled().stream().filter(n -> !stored.contains(n)).toList());
            assertTrue(enrolled.containsAll(stored), where + ": a person the full run never enrolled: " + stored);
            Map<String, Long> perPerson = stored.stream().collect(Collectors.groupingBy(personOf::get,
                    Collectors.counting()));
            assertTrue(perPerson.values().stream().allMatch(n -> n == 1), where + ": a person doubled " + perPerson);
            try (DedupEngine engine = DedupEngine.open(at)) {
                assertEquals(stored.size(), engine.stats().persons(), where + ": reopens with the same persons");
            }
        }
    }

    static Nik parse(String nik) {
        return Nik.parse(nik);
    }
}
