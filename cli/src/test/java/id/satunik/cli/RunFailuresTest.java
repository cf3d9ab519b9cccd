package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that cannot proceed exits 2 with one clear line on stderr, and touches nothing. */
class RunFailuresTest {
    @TempDir
    Path dir;

    @Test
    void unreadableManifest() {
        Path store = dir.resolve("store");
        Cli run = Cli.run("dedup", "--store", store.toString(), dir.resolve("missing.jsonl").toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("satunik dedup: cannot read manifest " + dir.resolve("missing.jsonl")
                + ": no such file or directory", run.err().strip());
        assertFalse(Files.exists(store), "no store is created for a run that cannot start");
    }

    @Test
    void unwritableReport() throws IOException {
        Path manifest = Files.writeString(dir.resolve("m.jsonl"), "{\"nik\":\"x\"}\n");
        Path folder = Files.createDirectories(dir.resolve("report-is-a-folder"));
        Cli intoFolder = Cli.run("dedup", "--store", dir.resolve("store").toString(), "--report", folder.toString(),
                manifest.toString());
        assertEquals(2, intoFolder.exitCode(), intoFolder.toString());
        assertEquals("satunik dedup: cannot write report " + folder + ": it is a directory", intoFolder.err().strip());

        Path file = Files.writeString(dir.resolve("plain-file"), "");
        Cli underFile = Cli.run("enroll", "--store", dir.resolve("store").toString(), "--report",
                file.resolve("report.jsonl").toString(), manifest.toString());
        assertEquals(2, underFile.exitCode(), underFile.toString());
        assertTrue(underFile.err().startsWith("satunik enroll: cannot write report " + file.resolve("report.jsonl")),
                underFile.err());
        assertEquals(1, underFile.err().strip().lines().count(), underFile.err());
    }

    @Test
    void storeLockedByAnotherUser() throws IOException {
        Path store = dir.resolve("store");
        Path manifest = Files.writeString(dir.resolve("m.jsonl"), "{\"nik\":\"x\"}\n");
        Path report = dir.resolve("report.jsonl");
        try (DedupEngine holder = DedupEngine.open(EngineOptions.at(store).withCapacity(10))) {
            assertEquals(0, holder.stats().persons());
            Cli run = Cli.run("dedup", "--store", store.toString(), "--report", report.toString(), manifest.toString());

            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().startsWith("satunik dedup: cannot open store " + store + ": "), run.err());
            assertTrue(run.err().contains("already open") || run.err().contains("in use"), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(Files.exists(report), "the report is not created when the store cannot be opened");
        }
    }

    @Test
    void storeFolderCannotBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "");
        Path manifest = Files.writeString(dir.resolve("m.jsonl"), "{\"nik\":\"x\"}\n");
        Cli run = Cli.run("dedup", "--store", file.resolve("store").toString(), manifest.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("satunik dedup: cannot open store " + file.resolve("store")), run.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli noCommand = Cli.run();
        assertEquals(2, noCommand.exitCode(), noCommand.toString());
        assertTrue(noCommand.err().contains("Missing command"), noCommand.err());

        Cli threads = Cli.run("dedup", "--threads", "0", dir.resolve("m.jsonl").toString());
        assertEquals(2, threads.exitCode(), threads.toString());

        Cli help = Cli.run("dedup", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("--report") && help.out().contains("--store"), help.out());
    }
}
