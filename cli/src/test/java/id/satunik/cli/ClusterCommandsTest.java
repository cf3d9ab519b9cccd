package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.cluster.ClusterMember;
import id.satunik.cluster.ClusterOptions;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dedup --cluster} (decisions with look-alikes and finger quality), {@code search --cluster} and
 * {@code stats --cluster} as a client of a member running in this JVM (the
 * separate-JVM cluster is tested in module cluster); {@code member} refuses a start without its options.
 */
class ClusterCommandsTest {
    private static final java.util.logging.Logger HAZELCAST = java.util.logging.Logger.getLogger("com.hazelcast");

    @TempDir
    Path dir;

    @Test
    void dedupAndStatsRunAgainstACluster() throws Exception {
        HAZELCAST.setLevel(java.util.logging.Level.WARNING);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String name = "satunik-cli-" + UUID.randomUUID();
        String join = "127.0.0.1:" + port;
        ClusterOptions options = ClusterOptions.of(name, join).withPort(port).withPartitions(4).withThreads(2);
        try (ClusterMember member = ClusterMember.start(options, dir.resolve("member"))) {
            Path manifest = new Manifests()
                    .person("3507010101900001", "Budi", null, null, "RIGHT_THUMB=fvc2002-db1b/104_1")
                    .person("3507010101900002", "Budi again", null, null, "RIGHT_THUMB=fvc2002-db1b/104_2")
                    .write(dir.resolve("batch.jsonl"));
            Cli dedup = Cli.run("dedup", "--cluster", name, "--join", join, "--threads", "2", manifest.toString());
            assertEquals(0, dedup.exitCode(), dedup.toString());
            assertEquals(List.of("ENROLLED", "DUPLICATE"), Report.parse(dedup.outLines()).decisions());
            String duplicate = dedup.outLines().stream().filter(l -> l.contains("\"DUPLICATE\"")).findFirst()
                    .orElseThrow();
            assertTrue(duplicate.contains("\"lookAlikes\"") && duplicate.contains("3507010101900001")
                    && duplicate.contains("\"fingerQuality\""), duplicate);

            Cli search = Cli.run("search", "--cluster", name, "--join", join, "--name", "Budi");
            assertEquals(0, search.exitCode(), search.toString());
            assertTrue(search.out().contains("\"nik\":\"3507010101900001\""), search.out());

            Cli stats = Cli.run("stats", "--cluster", name, "--join", join);
            assertEquals(0, stats.exitCode(), stats.toString());
            assertTrue(stats.out().contains("(1 members)") && stats.out().contains("persons       1"), stats.out());
            assertTrue(stats.out().contains(member.address()), stats.out());
        }
        Cli member = Cli.run("member", "--store", dir.resolve("m2").toString());
        assertNotEquals(0, member.exitCode(), member.toString());
        assertTrue(member.err().contains("--cluster"), member.toString());
    }
}
