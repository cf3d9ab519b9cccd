package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify-store and repair on a real store, and the refusal of a store that lost its identity. */
class StoreCommandsTest {
    @TempDir
    Path dir;

    @Test
    void verifyStoreRefusesADamagedStoreAndRepairRestoresItsIdentity() throws IOException {
        Path manifest = new Manifests()
                .person("3507014101900001", "Siti Aminah", "1990-01-01", "F", "RIGHT_THUMB=fvc2002-db1b/104_1")
                .write(dir.resolve("manifest.jsonl"));
        String store = dir.resolve("store").toString();
        Cli dedup = Cli.run("dedup", "--store", store, "--report", dir.resolve("r.jsonl").toString(),
                "--threads", "1", "--capacity", "100", manifest.toString());
        assertEquals(0, dedup.exitCode(), dedup.toString());

        Cli sound = Cli.run("verify-store", "--store", store, "--threads", "1");
        assertEquals(0, sound.exitCode(), sound.toString());
        assertTrue(sound.out().contains("is sound: 1 persons"), sound.toString());

        Files.delete(dir.resolve("store/store.id"));
        for (String command : new String[] {"stats", "verify-store", "dedup"}) {
            Cli refused = command.equals("dedup")
                    ? Cli.run("dedup", "--store", store, "--report", dir.resolve("r2.jsonl").toString(), manifest.toString())
                    : Cli.run(command, "--store", store);
            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("store.id") && refused.err().contains("missing"), refused.toString());
        }

        Cli repair = Cli.run("repair", "--store", store, "--threads", "1");
        assertEquals(0, repair.exitCode(), repair.toString());
        assertTrue(repair.out().contains("the id its files carry") && repair.out().contains("is sound"), repair.toString());
        Cli again = Cli.run("verify-store", "--store", store);
        assertEquals(0, again.exitCode(), again.toString());
    }

    /** repair rebuilds a deleted or cut finger index; the same dedup decisions come out before and after. */
    @Test
    void repairRebuildsTheFingerIndexAndDecisionsStayTheSame() throws IOException {
        Path load = new Manifests()
                .person("3507014101900001", "Siti Aminah", "1990-01-01", "F",
                        "RIGHT_THUMB=fvc2002-db1b/104_1", "RIGHT_INDEX=fvc2002-db3b/104_1")
                .person("3174020309780004", "Agus Wijaya", "1978-09-03", "M", "RIGHT_THUMB=fvc2000-db3b/106_1")
                .write(dir.resolve("load.jsonl"));
        Path probes = new Manifests()
                .person("3578014101900007", "Siti again", "1990-01-01", "F",
                        "RIGHT_THUMB=fvc2002-db1b/104_2", "RIGHT_INDEX=fvc2002-db3b/104_2")
                .person("3174020309780099", "Agus again", null, null, "RIGHT_THUMB=fvc2000-db3b/106_2")
                .person("3507014101900001", "Siti Aminah", "1990-01-01", "F", "RIGHT_THUMB=fvc2002-db1b/104_3")
                .write(dir.resolve("probes.jsonl"));
        String store = dir.resolve("store").toString();
        assertEquals(0, Cli.run("dedup", "--store", store, "--report", dir.resolve("load.report").toString(),
                "--threads", "1", "--capacity", "100", load.toString()).exitCode());
        // dedup, then the same probes against a copy of the store: decisions of a store that was never damaged
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        try (var files = Files.list(Path.of(store))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Cli before = Cli.run("dedup", "--store", copy.toString(), "--threads", "1", probes.toString());
        assertEquals(0, before.exitCode(), before.toString());

        Files.delete(Path.of(store, "fingers.persons"));
        try (var file = new java.io.RandomAccessFile(Path.of(store, "fingers-right-index.edges").toFile(), "rw")) {
            file.setLength(4096);
        }
        Cli refused = Cli.run("verify-store", "--store", store);
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("fingers.persons") && refused.err().contains("missing"), refused.toString());

        Cli repair = Cli.run("repair", "--store", store, "--threads", "1");
        assertEquals(0, repair.exitCode(), repair.toString());
        assertTrue(repair.out().contains("finger index rebuilt") && repair.out().contains("is sound: 2 persons"),
                repair.toString());
        Cli after = Cli.run("dedup", "--store", store, "--threads", "1", probes.toString());
        assertEquals(0, after.exitCode(), after.toString());
        assertEquals(List.of("DUPLICATE", "DUPLICATE", "ALREADY_ENROLLED"), Report.parse(after.outLines()).decisions());
        assertEquals(before.outLines(), after.outLines(), "the same decisions, matches and scores after the repair");
    }
}
