package id.satunik.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import id.satunik.Candidate;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.index.GalleryShard;
import id.satunik.index.RecordExtractor;
import id.satunik.index.ShardRecord;
import id.satunik.index.SyntheticGallery;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of docs/cluster.md (issue 11), measured, not asserted: three member JVMs on loopback against one
 * node on the same synthetic persons (10 fingers + 2 eyes, {@link SyntheticGallery}), in one run:
 * <ol>
 *   <li>scatter-gather overhead: a 10-finger + 2-eye probe against an empty gallery, cluster against one node;</li>
 *   <li>loading: persons claimed through the cluster (the real claim: map, backup, owner's shard) per second;</li>
 *   <li>search latency (sequential probes, each a person of the gallery) and throughput (4 callers at once);</li>
 *   <li>extraction of real records (10 FVC fingers + 2 CASIA eyes) on one member, on three, and in-process.</li>
 * </ol>
 * Prints a table and writes it to {@code target/cluster-figures.md}, with the load average before and after (the
 * figures mean little on a loaded machine). Only under {@code -Plarge}:
 * <pre>
 * scripts/mvn -Plarge -pl cluster -am test -Dtest=ClusterFiguresTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dsatunik.figures.persons=5000] [-Dsatunik.figures.probes=30] [-Dsatunik.figures.threads=2] \
 *     [-Dsatunik.figures.records=8] [-Dsatunik.figures.partitions=71]
 * </pre>
 */
class ClusterFiguresTest {
    private static final int PERSONS = Integer.getInteger("satunik.figures.persons", 5_000);
    private static final int PROBES = Integer.getInteger("satunik.figures.probes", 30);
    private static final int THREADS = Integer.getInteger("satunik.figures.threads", 2);
    private static final int EXTRACTED = Integer.getInteger("satunik.figures.records", 8);
    private static final int PARTITIONS = Integer.getInteger("satunik.figures.partitions",
            ClusterOptions.DEFAULT_PARTITIONS);
    private static final int LIMIT = EngineOptions.DEFAULT_CANDIDATE_LIMIT;
    private static final long SEED = 11;
    /** CASIA-Iris-Interval subjects with a first image of both eyes. */
    private static final int[] EYES = {1, 2, 5, 7, 8, 9, 11, 19, 20, 21, 28, 29, 30, 36};

    @TempDir
    Path dir;
    private final List<String> lines = new ArrayList<>();

    @Test
    void clusterAgainstOneNode() throws Exception {
        assumeTrue(Boolean.getBoolean("satunik.large"), "figures: run with -Plarge");
        java.util.logging.Logger.getLogger("com.hazelcast").setLevel(java.util.logging.Level.WARNING);
        note("# Cluster figures: %d persons x (10 fingers + 2 eyes), %d partitions, %d threads a member, %d cores",
                PERSONS, PARTITIONS, THREADS, Runtime.getRuntime().availableProcessors());
        note("load average at start: %s", load());
        int[] ports = ClusterEngineTest.freePorts(3);
        String join = Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        String name = "satunik-figures-" + UUID.randomUUID();
        List<MemberProcess> members = new ArrayList<>();
        long shardCapacity = 2L * PERSONS / PARTITIONS + 100;
        for (int i = 0; i < 3; i++) {
            members.add(new MemberProcess(dir.resolve("member" + i), name, ports[i], join, PARTITIONS, "1500m",
                    THREADS, shardCapacity));
        }
        IntFunction<ShardRecord> persons = SyntheticGallery.records(10, true, SEED);
        try {
            for (MemberProcess m : members) {
                m.start();
            }
            for (MemberProcess m : members) {
                m.awaitReady(180_000);
            }
            ClusterOptions cluster = ClusterOptions.of(name, join).withPartitions(PARTITIONS);
            EngineOptions options = EngineOptions.at(dir.resolve("single")).withThreads(THREADS)
                    .withCapacity(PERSONS);
            HazelcastInstance client = HazelcastClient.newHazelcastClient(HazelcastConfigs.client(cluster));
            try (ClusterEngine engine = ClusterEngine.client(cluster, options)) {
                while (engine.memberCount() < 3) {
                    Thread.sleep(200);
                }
                overhead(engine, persons);
                load(client, persons);
                search(engine, persons);
                extraction(client);
            } finally {
                client.shutdown();
            }
        } finally {
            for (MemberProcess m : members) {
                m.stop();
            }
            note("load average at end: %s", load());
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "cluster-figures.md"), lines);
        }
    }

    /** A probe against an empty gallery: the cost of the round trip and of visiting the shards, nothing else. */
    private void overhead(ClusterEngine engine, IntFunction<ShardRecord> persons) throws IOException {
        ShardRecord probe = persons.apply(PERSONS + 1);
        try (GalleryShard empty = GalleryShard.open(dir.resolve("empty"), 100, THREADS)) {
            GalleryShard.Probe prepared = GalleryShard.probe(probe);
            timed(5, () -> engine.identify(probe));
            double[] parse = timed(PROBES * 3, () -> GalleryShard.probe(probe));
            double[] one = timed(PROBES * 3, () -> empty.search(GalleryShard.probe(probe), LIMIT,
                    Double.POSITIVE_INFINITY));
            double[] search = timed(PROBES * 3, () -> empty.search(prepared, LIMIT, Double.POSITIVE_INFINITY));
            double[] three = timed(PROBES * 3, () -> engine.identify(probe));
            note("");
            note("## Scatter-gather overhead (empty gallery, probe of 10 fingers + 2 eyes)");
            row("one node, probe preparation only (10 templates parsed, pre-selection tables, eye rotations)", parse);
            row("one node, search of a prepared probe", search);
            row("one node, preparation + search", one);
            row("3 members (encode, scatter, each member prepares + searches its shards, gather, reduce)", three);
            note("overhead per probe, 3 members against one node: %.2f ms (median), %.2f ms (p90)",
                    three[0] - one[0], three[1] - one[1]);
        }
    }

    /** The same persons into one store (the generator) and through the cluster's claim. */
    private void load(HazelcastInstance client, IntFunction<ShardRecord> persons) throws Exception {
        note("");
        note("## Loading %d persons", PERSONS);
        long start = System.nanoTime();
        SyntheticGallery.generate(EngineOptions.at(dir.resolve("single")).withThreads(THREADS).withCapacity(PERSONS),
                0, PERSONS, 10, true, SEED, done -> { });
        double single = (System.nanoTime() - start) / 1e9;
        note("one node (SyntheticGallery.generate, no search): %.1f s, %.0f persons/s", single, PERSONS / single);
        IMap<String, byte[]> map = client.getMap(HazelcastConfigs.PERSONS);
        start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<ClaimProcessor.Outcome>> window = new ArrayList<>();
        long half = 0;
        long bytes = 0;
        for (int i = 0; i < PERSONS; i++) {
            if (i == PERSONS / 2) {
                half = System.nanoTime();
            }
            ShardRecord person = persons.apply(i);
            byte[] value = RecordCodec.encode(person);
            bytes += value.length;
            window.add(map.submitToKey(person.nik(), new ClaimProcessor(value)).toCompletableFuture());
            if (window.size() == 64) {
                for (var claim : window) {
                    assertEquals(ClaimProcessor.Outcome.CLAIMED, claim.get());
                }
                window.clear();
            }
        }
        for (var claim : window) {
            assertEquals(ClaimProcessor.Outcome.CLAIMED, claim.get());
        }
        double claimed = (System.nanoTime() - start) / 1e9;
        assertEquals(PERSONS, map.size());
        note("3 members (claim: map + synchronous backup + owner's shard, 64 in flight): %.1f s, %.1f persons/s;"
                + " second half (every shard created): %.1f persons/s", claimed, PERSONS / claimed,
                (PERSONS - PERSONS / 2) / ((System.nanoTime() - half) / 1e9));
        note("persons map value (RecordCodec) of a synthetic person: %.0f bytes on average", (double) bytes / PERSONS);
    }

    /** Sequential latency and 4-caller throughput; each probe is a person of the gallery (its mate is found). */
    private void search(ClusterEngine engine, IntFunction<ShardRecord> persons) throws Exception {
        List<ShardRecord> probes = new ArrayList<>();
        for (int p = 0; p < PROBES; p++) {
            probes.add(persons.apply((int) ((long) p * PERSONS / PROBES)));
        }
        try (GalleryShard single = GalleryShard.open(dir.resolve("single"), PERSONS, THREADS)) {
            int[] next = {0};
            Supplier<List<Candidate>> oneNode = () -> single.search(GalleryShard.probe(probes.get(next[0]++
                    % PROBES)), LIMIT, Double.POSITIVE_INFINITY);
            Supplier<List<Candidate>> threeMembers = () -> engine.identify(probes.get(next[0]++ % PROBES));
            timed(5, oneNode);
            timed(5, threeMembers);
            int same = 0;
            for (ShardRecord probe : probes) {
                // the mates (at or above threshold 40); below it a sharded pre-selection may propose more persons
                List<Candidate> a = single.search(GalleryShard.probe(probe), LIMIT, 40).stream()
                        .filter(c -> c.score() >= 40).toList();
                List<Candidate> b = engine.identify(probe);
                same += describe(a).equals(describe(b.stream().filter(c -> c.score() >= 40).toList()))
                        && !a.isEmpty() && a.getFirst().nik().value().equals(probe.nik()) ? 1 : 0;
            }
            next[0] = 0;
            long rescoredOne = single.statistics().personsRescored();
            double[] one = timed(PROBES, oneNode);
            rescoredOne = single.statistics().personsRescored() - rescoredOne;
            next[0] = 0;
            long rescoredThree = engine.statistics().personsRescored();
            double[] three = timed(PROBES, threeMembers);
            rescoredThree = engine.statistics().personsRescored() - rescoredThree;
            note("");
            note("## Search, %d persons, %d probes (persons of the gallery), candidate list of %d", PERSONS, PROBES, LIMIT);
            note("mate ranked first, same candidates and scores at or above 40, cluster and one node: %d of %d probes",
                    same, PROBES);
            row("one node, sequential", one);
            row("3 members, sequential", three);
            note("persons compared in full (rescored) a probe: one node %.0f, 3 members %.0f (each shard proposes"
                    + " at least the single node's shortlist)", (double) rescoredOne / PROBES,
                    (double) rescoredThree / PROBES);
            note("throughput, 4 callers at once: one node %.2f probes/s, 3 members %.2f probes/s",
                    throughput(probes, p -> single.search(GalleryShard.probe(p), LIMIT, Double.POSITIVE_INFINITY)),
                    throughput(probes, engine::identify));
        }
    }

    /** Real records (10 FVC fingers, 2 CASIA eyes) extracted on one member, on all three, and in this process. */
    private void extraction(HazelcastInstance client) throws Exception {
        List<EnrollmentRecord> records = new ArrayList<>();
        for (int r = 0; r < EXTRACTED; r++) {
            EnrollmentRecord.Builder b = EnrollmentRecord.builder(String.format(Locale.ROOT, "350701010190%04d", r + 1));
            FingerPosition[] positions = FingerPosition.values();
            for (int f = 0; f < positions.length; f++) {
                b.finger(positions[f], ImageSource.of(SharedData.fvc("fvc2002-db1b", 101 + f, 1 + r % 8)));
            }
            int subject = EYES[r % EYES.length];
            b.iris(EyePosition.RIGHT, eye(subject, 'R')).iris(EyePosition.LEFT, eye(subject, 'L'));
            records.add(b.build());
        }
        IExecutorService extractors = client.getExecutorService(HazelcastConfigs.EXTRACT);
        List<Member> members = new ArrayList<>(client.getCluster().getMembers());
        note("");
        note("## Extraction, %d real records (10 FVC2002 DB1_B fingers + 2 CASIA-Iris-Interval eyes each)", EXTRACTED);
        extractOn(extractors, records, members.subList(0, 1)); // warm-up of one member's extractors
        double[] oneMember = extractOn(extractors, records, members.subList(0, 1));
        note("one member (%d extraction threads): %.2f records/s, %.2f member s a record (wall time in the member)",
                THREADS, oneMember[0],
                oneMember[1]);
        extractOn(extractors, records, members);
        double[] all = extractOn(extractors, records, members);
        note("3 members, round robin: %.2f records/s, %.2f member s a record", all[0], all[1]);
        note("persons map value (RecordCodec) of a real record: %.0f bytes on average", all[2]);
        RecordExtractor extractor = new RecordExtractor();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                List<Future<ShardRecord>> done = new ArrayList<>();
                for (EnrollmentRecord r : records) {
                    done.add(pool.submit(() -> extractor.extract(r, true)));
                }
                for (Future<ShardRecord> f : done) {
                    f.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round == 1) {
                    note("this process, %d threads (one node): %.2f records/s", THREADS, EXTRACTED / seconds);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return records per second of wall time, and the members' seconds per record (their own timing) */
    private static double[] extractOn(IExecutorService extractors, List<EnrollmentRecord> records, List<Member> on)
            throws Exception {
        long start = System.nanoTime();
        List<Future<ExtractTask.Result>> futures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            futures.add(extractors.submitToMember(new ExtractTask(records.get(i), true, 0), on.get(i % on.size())));
        }
        long memberNanos = 0;
        long bytes = 0;
        for (Future<ExtractTask.Result> f : futures) {
            ExtractTask.Result result = f.get(10, TimeUnit.MINUTES);
            if (result.refusal() != null) {
                throw new IllegalStateException(result.refusal());
            }
            memberNanos += result.nanos();
            bytes += result.record().length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {records.size() / seconds, memberNanos / 1e9 / records.size(),
                (double) bytes / records.size()};
    }

    private static ImageSource eye(int subject, char side) {
        return ImageSource.of(SharedData.root().resolve("iris/casia-iris-interval")
                .resolve(String.format(Locale.ROOT, "S1%03d%c01.jpg", subject, side)));
    }

    private static double throughput(List<ShardRecord> probes, java.util.function.Function<ShardRecord, ?> search)
            throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (ShardRecord p : probes) {
                done.add(callers.submit(() -> search.apply(p)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return probes.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            callers.shutdownNow();
        }
    }

    /** @return median, p90 and mean in ms */
    private static double[] timed(int times, Supplier<?> call) {
        double[] ms = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        double mean = Arrays.stream(ms).average().orElse(0);
        Arrays.sort(ms);
        return new double[] {ms[times / 2], ms[Math.min(times - 1, (int) Math.ceil(times * 0.9) - 1)], mean};
    }

    private void row(String what, double[] ms) {
        note("%s: median %.2f ms, p90 %.2f ms, mean %.2f ms (%.1f probes/s sequential)", what, ms[0], ms[1], ms[2],
                1000 / ms[2]);
    }

    private static List<String> describe(List<Candidate> candidates) {
        return candidates.stream().map(c -> String.format(Locale.ROOT, "%s %.6f", c.nik(), c.score())).toList();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        System.out.println(line);
    }
}
