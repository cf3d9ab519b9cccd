package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** delete, update, compact, backup, restore and verify-store from the command line; --key-file and --durability. */
class OperationsCommandsTest {
    static final String FIRST = "3507011203880001";
    static final String SECOND = "3507011203880002";
    static final String THIRD = "3507011203880003";
    static final String CORRECTED = "3507011203880009";

    @TempDir
    Path dir;

    private List<String> matches(Path store, String image) throws Exception {
        Cli identify = Cli.run("identify", "--store", store.toString(), "--finger",
                "RIGHT_THUMB=" + Manifests.image(image));
        assertEquals(0, identify.exitCode(), identify.toString());
        List<String> niks = new ArrayList<>();
        for (JsonNode c : Json.MAPPER.readTree(identify.out()).get("candidates")) {
            if (c.get("match").asBoolean()) {
                niks.add(c.get("nik").asText());
            }
        }
        return niks;
    }

    @Test
    void deleteUpdateBackupRestoreCompactAndVerify() throws Exception {
        Path store = dir.resolve("store");
        Path manifest = new Manifests()
                .person(FIRST, "First", null, "M", "RIGHT_THUMB=fvc2002-db1b/102_1")
                .person(SECOND, "Second", null, null, "RIGHT_THUMB=fvc2000-db1b/103_1")
                .person(THIRD, "Third", null, null, "RIGHT_THUMB=fvc2002-db1b/105_1")
                .write(dir.resolve("batch.jsonl"));
        Cli dedup = Cli.run("dedup", "--store", store.toString(), "--durability", "record", "--operator", "op-1",
                "--capacity", "500", "--report", dir.resolve("r.jsonl").toString(), manifest.toString());
        assertEquals(0, dedup.exitCode(), dedup.toString());

        Cli delete = Cli.run("delete", "--store", store.toString(), "--reason", "court order 1/2026", SECOND,
                "3507011203889999", "12");
        assertEquals(0, delete.exitCode(), delete.toString());
        assertEquals(List.of(SECOND + " deleted", "3507011203889999 not enrolled (nothing changed)"),
                delete.outLines().subList(0, 2));
        assertTrue(delete.outLines().get(2).startsWith("12 refused: "), delete.out());
        assertEquals(List.of(), matches(store, "fvc2000-db1b/103_2"), "a deleted person is never found");

        Cli update = Cli.run("update", "--store", store.toString(), THIRD, "--nik", CORRECTED, "--name", "Ketiga");
        assertEquals(0, update.exitCode(), update.toString());
        Cli taken = Cli.run("update", "--store", store.toString(), FIRST, "--nik", CORRECTED);
        assertEquals(2, taken.exitCode(), taken.toString());
        assertTrue(taken.err().contains("already held"), taken.err());
        assertEquals(List.of(CORRECTED), matches(store, "fvc2002-db1b/105_2"));

        Cli stats = Cli.run("stats", "--store", store.toString());
        assertTrue(stats.out().contains("persons       2") && stats.out().contains("deleted       1"), stats.out());

        Path backup = dir.resolve("backup");
        Cli backupRun = Cli.run("backup", "--store", store.toString(), "--to", backup.toString());
        assertEquals(0, backupRun.exitCode(), backupRun.toString());
        Path restored = dir.resolve("restored");
        Cli restore = Cli.run("restore", "--from", backup.toString(), "--store", restored.toString());
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(List.of(CORRECTED), matches(restored, "fvc2002-db1b/105_2"));
        assertEquals(List.of(), matches(restored, "fvc2000-db1b/103_2"));
        Cli sound = Cli.run("verify-store", "--store", restored.toString());
        assertEquals(0, sound.exitCode(), sound.toString());

        Cli compact = Cli.run("compact", "--store", store.toString());
        assertEquals(0, compact.exitCode(), compact.toString());
        assertTrue(compact.out().contains("1 deleted person(s) removed"), compact.out());
        Cli after = Cli.run("stats", "--store", store.toString());
        assertTrue(after.out().contains("persons       2") && after.out().contains("deleted       0"), after.out());
        assertEquals(List.of(FIRST), matches(store, "fvc2002-db1b/102_2"));

        Path audit = store.resolve("audit.log");
        String log = Files.readString(audit);
        assertTrue(log.contains("\"operator\":\"op-1\"") && log.contains("\"action\":\"compact\""), log);
        Files.writeString(audit, log.replace("court order 1/2026", "court order 2/2026"));
        Cli tampered = Cli.run("verify-store", "--store", store.toString());
        assertEquals(VerifyStoreCommand.UNSOUND, tampered.exitCode(), tampered.toString());
        assertTrue(tampered.out().contains("PROBLEM audit line") && tampered.out().contains("altered"),
                tampered.out());

        // a damaged backup is refused
        Path journal = backup.resolve("journal.log");
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length - 3] ^= 1;
        Files.write(journal, bytes);
        Cli damaged = Cli.run("restore", "--from", backup.toString(), "--store", dir.resolve("again").toString());
        assertEquals(2, damaged.exitCode(), damaged.toString());
        assertTrue(damaged.err().contains("does not match its checksum"), damaged.err());
    }

    @Test
    void encryptedStoreNeedsItsKeyFile() throws Exception {
        Path store = dir.resolve("sealed");
        Path key = Files.writeString(dir.resolve("store.key"), "8f".repeat(32) + "\n");
        Path manifest = new Manifests().person(FIRST, "First", null, "M", "RIGHT_THUMB=fvc2002-db1b/102_1")
                .write(dir.resolve("one.jsonl"));
        Cli dedup = Cli.run("dedup", "--store", store.toString(), "--key-file", key.toString(), "--capacity", "500",
                "--report", dir.resolve("r.jsonl").toString(), manifest.toString());
        assertEquals(0, dedup.exitCode(), dedup.toString());
        Cli refused = Cli.run("stats", "--store", store.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("encrypted at rest") && refused.err().contains("--key-file"),
                refused.err());
        Cli stats = Cli.run("stats", "--store", store.toString(), "--key-file", key.toString());
        assertEquals(0, stats.exitCode(), stats.toString());
        assertFalse(Files.readString(store.resolve("store.cipher")).contains("8f8f8f"));
    }
}
