package id.satunik.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.DedupDecision.Kind;
import id.satunik.DedupEngine;
import id.satunik.DemographicHit;
import id.satunik.DemographicQuery;
import id.satunik.EngineOptions;
import id.satunik.EnrolledPerson;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members in separate JVMs on loopback, this JVM a client: real FVC fingers and CASIA-Iris-Interval eyes
 * deduplicated through the cluster decide as the single-node engine does on the same records; two coordinators
 * racing with one person under two NIKs enroll it once; a member killed with kill -9 in the middle of a batch
 * loses no person, and after it returns the cluster re-balances onto it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEngineTest {
    private static final int PARTITIONS = 12;
    private static final String DB = "fvc2002-db1b";

    @TempDir
    static Path dir;
    private final List<MemberProcess> members = new ArrayList<>();
    private ClusterOptions cluster;
    private DedupEngine single;
    private ClusterEngine engine;

    /** Held, so that the level sticks: the client's connection news are not this test's output. */
    private static final java.util.logging.Logger HAZELCAST = java.util.logging.Logger.getLogger("com.hazelcast");

    @BeforeAll
    void startCluster() throws Exception {
        HAZELCAST.setLevel(java.util.logging.Level.WARNING);
        int[] ports = freePorts(3);
        String join = java.util.Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        String name = "satunik-test-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            members.add(new MemberProcess(dir.resolve("member" + i), name, ports[i], join, PARTITIONS));
        }
        for (MemberProcess m : members) {
            m.start();
        }
        for (MemberProcess m : members) {
            m.awaitReady(120_000);
        }
        cluster = ClusterOptions.of(name, join).withPartitions(PARTITIONS);
        EngineOptions options = EngineOptions.at(dir.resolve("single")).withThreads(2).withCapacity(1_000);
        engine = ClusterEngine.client(cluster, options);
        awaitMembers(engine, 3);
        single = DedupEngine.open(options);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (single != null) {
            single.close();
        }
        for (MemberProcess m : members) {
            m.stop();
        }
    }

    @Test
    @Order(1)
    void fingersAndIrisesDecideAsOnOneNode() {
        List<EnrollmentRecord> batch = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            batch.add(finger(nik(100 + f), DB, 101 + f, 1, NAMES[f]));        // first recording
        }
        for (int f = 0; f < 5; f++) {
            batch.add(finger(nik(200 + f), DB, 101 + f, 2, SPELLED[f]));      // same finger, another NIK: duplicate
        }
        batch.add(finger(nik(100), DB, 101, 3));              // own NIK again: re-submission
        batch.add(finger(nik(101), DB, 101, 4, SPELLED[0]));  // finger 101 under finger 102's NIK: conflict
        batch.add(finger("12345", DB, 101, 1));               // malformed NIK: rejected, batch goes on
        int[] subjects = {1, 2, 7};
        for (int p = 0; p < subjects.length; p++) {
            batch.add(eyes(nik(300 + p), subjects[p], 1));
        }
        batch.add(eyes(nik(399), subjects[1], 3));            // subject 2's eyes under a new NIK: duplicate

        List<DedupDecision> expected = new ArrayList<>();
        single.dedupAll(batch, expected::add);
        List<DedupDecision> actual = new ArrayList<>();
        engine.dedupAll(batch, actual::add);

        assertSameDecisions(expected, actual);
        assertEquals(Kind.ENROLLED, actual.getFirst().kind());
        assertEquals(Kind.DUPLICATE, actual.get(5).kind(), actual.get(5).toString());
        assertEquals(1, actual.getFirst().fingerQuality().size(), "the finger's quality: " + actual.getFirst());
        for (int i : new int[] {5, 11}) {   // a duplicate and a conflict list the look-alike first recording
            assertTrue(actual.get(i).lookAlikes().stream().anyMatch(h -> h.nik().value().equals(nik(100))),
                    actual.get(i).toString());
        }
        assertEquals(Kind.ALREADY_ENROLLED, actual.get(10).kind());
        assertEquals(Kind.NIK_CONFLICT, actual.get(11).kind());
        assertEquals(Kind.REJECTED, actual.get(12).kind());
        assertEquals(Kind.DUPLICATE, actual.getLast().kind(), actual.getLast().toString());
        assertEquals(single.stats().persons(), engine.persons());

        EnrollmentRecord probe = finger(null, DB, 103, 5);
        assertEquals(describe(single.identify(probe)), describe(engine.identify(probe)),
                "identify ranks the same candidates with the same scores");
    }

    @Test
    @Order(2)
    void demographicSearchAndAdjudicationReadsAsOnOneNode() throws IOException {
        // birth date alone scores a fixed amount: the same hits with the same scores in the same order
        DemographicQuery born = new DemographicQuery(null, LocalDate.of(1990, 1, 1), null, null, 10);
        assertEquals(hits(single.searchDemographics(born)), hits(engine.searchDemographics(born)));
        assertEquals(5, engine.searchDemographics(born).size());
        // a name variant: the same persons (a shard's BM25 weighs the words by its own statistics)
        DemographicQuery name = DemographicQuery.byName("Sity Aminah");
        List<DemographicHit> found = engine.searchDemographics(name);
        assertEquals(single.searchDemographics(name).stream().map(h -> h.nik().value()).sorted().toList(),
                found.stream().map(h -> h.nik().value()).sorted().toList());
        assertEquals(nik(100), found.getFirst().nik().value(), found.toString());
        assertRanked(found);

        String operator = "adjudicator-" + UUID.randomUUID();
        EngineOptions calibrated = EngineOptions.at(dir.resolve("unused")).withOperator(operator)
                .withTargetFpir(1e-6);
        try (ClusterEngine reader = ClusterEngine.client(cluster, calibrated)) {
            // a target FPIR: the threshold comes from it and the persons enrolled cluster-wide, as on one node
            double derived = calibrated.decisionThreshold().at(single.stats().persons());
            assertTrue(derived > 40, "calibrated above the minimum: " + derived);
            assertEquals(derived, reader.threshold(), 1e-9);
            assertEquals(derived, reader.dedup(finger(nik(102), DB, 103, 3)).threshold(), 1e-9);
            for (String held : List.of(nik(100), nik(301))) {   // a finger person, an eye person
                EnrolledPerson expected = single.enrolled(held).orElseThrow();
                EnrolledPerson actual = reader.enrolled(held).orElseThrow();
                assertEquals(describe(expected), describe(actual), held);
            }
            assertEquals(java.util.Optional.empty(), reader.enrolled(nik(199)));
            assertThrows(InvalidInputException.class, () -> reader.enrolled("12345"));
        }
        // each read is in the audit log of the shard that holds the NIK, under the client's operator
        List<String> reads = new ArrayList<>();
        try (var logs = java.nio.file.Files.find(dir, 3, (p, a) -> p.getFileName().toString().equals("audit.log")
                && p.toString().contains("partition-"))) {
            for (Path log : logs.toList()) {
                java.nio.file.Files.readAllLines(log).stream().filter(l -> l.contains(operator)).forEach(reads::add);
            }
        }
        assertEquals(3, reads.size(), reads.toString());
        assertEquals(single.stats().persons(), engine.persons(), "the calibrated re-submission enrolled nobody");
        for (String held : List.of(nik(100), nik(301))) {
            assertTrue(reads.stream().anyMatch(l -> l.contains(held) && l.contains("\"FOUND\"")), reads.toString());
        }
        assertTrue(reads.stream().anyMatch(l -> l.contains(nik(199)) && l.contains("NOT_ENROLLED")), reads.toString());
    }

    @Test
    @Order(3)
    void twoCoordinatorsRacingWithOnePersonUnderTwoNiksEnrollItOnce() throws Exception {
        try (ClusterEngine other = ClusterEngine.client(cluster, EngineOptions.at(dir.resolve("unused"))
                .withThreads(2))) {
            for (int round = 0; round < 2; round++) {
                EnrollmentRecord a = finger(nik(500 + round), "fvc2002-db2b", 101 + round, 1);
                EnrollmentRecord b = finger(nik(600 + round), "fvc2002-db2b", 101 + round, 2);
                CompletableFuture<DedupDecision> first = CompletableFuture.supplyAsync(() -> engine.dedup(a));
                CompletableFuture<DedupDecision> second = CompletableFuture.supplyAsync(() -> other.dedup(b));
                List<Kind> kinds = List.of(first.get().kind(), second.get().kind());
                assertEquals(1, kinds.stream().filter(k -> k == Kind.ENROLLED).count(), kinds.toString());
                assertEquals(1, kinds.stream().filter(k -> k == Kind.DUPLICATE).count(), kinds.toString());
            }
        }
    }

    @Test
    @Order(4)
    void aMemberKilledMidBatchLosesNoPersonAndRejoins() throws Exception {
        String db = "fvc2000-db2b";
        List<EnrollmentRecord> first = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            first.add(finger(nik(700 + f), db, 101 + f, 1));
        }
        List<DedupDecision> expectedFirst = new ArrayList<>();
        single.dedupAll(first, expectedFirst::add);
        List<DedupDecision> actualFirst = new ArrayList<>();
        engine.dedupAll(first, actualFirst::add);
        assertSameDecisions(expectedFirst, actualFirst);

        // The victim is the member holding the most persons now: after the kill they live only in backups.
        MemberStats busiest = engine.members().stream().max(java.util.Comparator.comparingLong(MemberStats::persons))
                .orElseThrow();
        assertTrue(busiest.persons() > 0, busiest.toString());
        MemberProcess victim = members.stream().filter(m -> m.address().equals(busiest.member())).findFirst()
                .orElseThrow();

        long before = engine.persons();
        List<EnrollmentRecord> batch = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            batch.add(finger(nik(800 + f), db, 101 + f, 2));          // the first six under other NIKs
            if (f < 3) {
                batch.add(finger(nik(850 + f), db, 107 + f, 1));      // and new persons
            }
        }
        List<DedupDecision> expected = new ArrayList<>();
        single.dedupAll(batch, expected::add);
        List<DedupDecision> actual = new ArrayList<>();
        engine.dedupAll(batch, d -> {
            actual.add(d);
            if (actual.size() == 2) {
                try {
                    victim.kill();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertSameDecisions(expected, actual);
        assertTrue(actual.stream().filter(d -> d.kind() == Kind.DUPLICATE).count() >= 3, actual.toString());
        long enrolled = actual.stream().filter(d -> d.kind() == Kind.ENROLLED).count();
        assertEquals(before + enrolled, engine.persons(), "no person lost or doubled");
        // Every first recording is still found on the two survivors: a re-submission under its NIK meets its holder.
        for (int f = 0; f < 6; f++) {
            EnrollmentRecord again = finger(nik(700 + f), db, 101 + f, 3);
            DedupDecision decided = engine.dedup(again);
            assertTrue(decided.kind() == Kind.ALREADY_ENROLLED || decided.kind() == Kind.NIK_CONFLICT,
                    decided.toString());
            assertSameDecisions(List.of(single.dedup(again)), List.of(decided));
        }
        awaitMembers(engine, 2);

        victim.start();
        victim.awaitReady(120_000);
        awaitMembers(engine, 3);
        long deadline = System.currentTimeMillis() + 120_000;
        List<MemberStats> stats = engine.members();
        while (!balanced(stats, engine.persons()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            stats = engine.members();
        }
        assertTrue(balanced(stats, engine.persons()), "re-balanced onto the returned member: " + stats);
        EnrollmentRecord late = finger(nik(900), db, 101, 4);
        assertSameDecisions(List.of(single.dedup(late)), List.of(engine.dedup(late)));
    }

    /** Three members, each owning shards, every person in exactly one owned shard and backed up once. */
    private static boolean balanced(List<MemberStats> stats, long persons) {
        return stats.size() == 3 && stats.stream().allMatch(s -> s.shards() > 0)
                && stats.stream().mapToLong(MemberStats::persons).sum() == persons
                && stats.stream().mapToLong(MemberStats::ownedEntries).sum() == persons
                && stats.stream().mapToLong(MemberStats::backupEntries).sum() == persons;
    }

    private static void assertSameDecisions(List<DedupDecision> expected, List<DedupDecision> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            DedupDecision e = expected.get(i);
            DedupDecision a = actual.get(i);
            assertEquals(e.kind(), a.kind(), "record " + i + ": " + a);
            assertEquals(e.nik(), a.nik(), "input order");
            assertEquals(e.reason(), a.reason(), "record " + i);
            assertEquals(describe(e.matches()), describe(a.matches()), "record " + i);
            assertEquals(e.fingerQuality(), a.fingerQuality(), "record " + i + ": finger quality");
            assertEquals(e.irisQuality(), a.irisQuality(), "record " + i + ": iris quality");
            // the same look-alikes (scores: each shard weighs a name by its own term statistics)
            assertEquals(e.lookAlikes().stream().map(h -> h.nik().value()).sorted().toList(),
                    a.lookAlikes().stream().map(h -> h.nik().value()).sorted().toList(), "record " + i);
            assertRanked(a.lookAlikes());
        }
    }

    /** Most alike first, ties by NIK: the single-node order. */
    private static void assertRanked(List<DemographicHit> hits) {
        for (int i = 1; i < hits.size(); i++) {
            DemographicHit before = hits.get(i - 1);
            DemographicHit after = hits.get(i);
            assertTrue(before.score() > after.score() || before.score() == after.score()
                    && before.nik().value().compareTo(after.nik().value()) < 0, hits.toString());
        }
    }

    private static List<String> describe(List<Candidate> candidates) {
        return candidates.stream().map(c -> String.format(Locale.ROOT, "%s %.6f %s %s", c.nik(), c.score(),
                c.fingerScores(), c.irisScores())).toList();
    }

    private static List<String> hits(List<DemographicHit> hits) {
        return hits.stream().map(h -> String.format(Locale.ROOT, "%s %s %.6f", h.nik(), h.name(), h.score())).toList();
    }

    private static String describe(EnrolledPerson p) {
        StringBuilder s = new StringBuilder(p.nik() + " " + p.name() + " " + p.birthDate() + " " + p.sex() + " "
                + p.region());
        p.fingers().forEach((position, f) -> s.append(' ').append(position).append(' ').append(f.minutiae())
                .append(' ').append(java.util.Arrays.hashCode(f.template())));
        p.irises().forEach((eye, c) -> s.append(' ').append(eye).append(' ').append(java.util.Arrays.hashCode(c.code()))
                .append(' ').append(java.util.Arrays.hashCode(c.mask())));
        return s.toString();
    }

    private static void awaitMembers(ClusterEngine engine, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (engine.memberCount() != count && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(count, engine.memberCount());
    }

    private static String nik(int serial) {
        return String.format(Locale.ROOT, "350701010190%04d", serial);
    }

    /** First recordings' names, and the same names as another clerk spelled them (the duplicates'). */
    private static final String[] NAMES = {"Siti Aminah", "Bambang Sutrisno", "Joko Widodo", "Dewi Lestari",
            "Agus Salim"};
    private static final String[] SPELLED = {"Sity Aminah", "Bambang Soetrisno", "Djoko Widodo", "Dewi Lestari",
            "Agoes Salim"};

    /** A named first recording or duplicate: born on the day its NIK encodes. */
    private static EnrollmentRecord finger(String nik, String db, int finger, int impression, String name) {
        return EnrollmentRecord.builder(nik).name(name).birthDate(LocalDate.of(1990, 1, 1)).region("Kota Malang")
                .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc(db, finger, impression))).build();
    }

    private static EnrollmentRecord finger(String nik, String db, int finger, int impression) {
        return EnrollmentRecord.builder(nik)
                .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc(db, finger, impression))).build();
    }

    private static EnrollmentRecord eyes(String nik, int subject, int image) {
        return EnrollmentRecord.builder(nik)
                .iris(EyePosition.RIGHT, eye(subject, 'R', image))
                .iris(EyePosition.LEFT, eye(subject, 'L', image)).build();
    }

    private static ImageSource eye(int subject, char side, int image) {
        return ImageSource.of(SharedData.root().resolve("iris/casia-iris-interval")
                .resolve(String.format(Locale.ROOT, "S1%03d%c%02d.jpg", subject, side, image)));
    }

    static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
        return ports;
    }
}
