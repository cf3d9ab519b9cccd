package id.satunik.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.DedupDecision.Kind;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.testing.SharedData;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPI picks a backend by its name, whatever the class path order: "local" is the single-node engine,
 * "hazelcast" a member embedded in this process (the embedding-service mode), an unknown name is refused with the
 * names on offer.
 */
class BackendSelectionTest {
    private static final java.util.logging.Logger HAZELCAST = java.util.logging.Logger.getLogger("com.hazelcast");

    @TempDir
    Path dir;

    @Test
    void backendsAreChosenByName() throws Exception {
        HAZELCAST.setLevel(java.util.logging.Level.WARNING);
        EngineOptions options = EngineOptions.at(dir.resolve("local")).withThreads(1).withCapacity(100);
        try (DedupEngine local = DedupEngine.open("local", options)) {
            assertTrue(local.getClass().getName().startsWith("id.satunik.index."), local.getClass().getName());
        }
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> DedupEngine.open("cassandra", options));
        assertTrue(unknown.getMessage().contains("local") && unknown.getMessage().contains("hazelcast"),
                unknown.getMessage());

        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        System.setProperty("satunik.cluster.name", "satunik-embedded-" + UUID.randomUUID());
        System.setProperty("satunik.cluster.port", Integer.toString(port));
        System.setProperty("satunik.cluster.join", "127.0.0.1:" + port);
        System.setProperty("satunik.cluster.partitions", "4");
        try (DedupEngine embedded = DedupEngine.open("hazelcast",
                EngineOptions.at(dir.resolve("member")).withThreads(1).withCapacity(100))) {
            assertInstanceOf(ClusterEngine.class, embedded);
            assertEquals(Kind.ENROLLED, embedded.dedup(finger("3507010101900001", 1)).kind());
            assertEquals(Kind.DUPLICATE, embedded.dedup(finger("3507010101900002", 2)).kind());
            assertEquals(1, embedded.stats().persons());
        } finally {
            for (String key : new String[] {"name", "port", "join", "partitions"}) {
                System.clearProperty("satunik.cluster." + key);
            }
        }
    }

    private static EnrollmentRecord finger(String nik, int impression) {
        return EnrollmentRecord.builder(nik).finger(FingerPosition.RIGHT_THUMB,
                ImageSource.of(SharedData.fvc("fvc2002-db1b", 101, impression))).build();
    }
}
