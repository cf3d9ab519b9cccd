package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
