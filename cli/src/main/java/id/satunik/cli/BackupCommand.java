package id.satunik.cli;

import id.satunik.DedupEngine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code satunik backup}: a consistent copy of a store. One instance per run. */
@Command(name = "backup", sortOptions = false,
        description = {"Copies the store's journal (up to its current end), audit log and cipher marker (never the "
                + "key) to DIR, with SHA-256 checksums. From the API, a running engine backs up while it works."})
final class BackupCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "New or empty backup folder.")
    Path to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        store.requireExisting();
        long seq;
        try (DedupEngine engine = store.open()) {
            seq = engine.backup(to);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new CliFailure(Problems.message(e), e);
        }
        spec.commandLine().getOut().println("backup of " + store.store + " at journal entry " + seq + " in " + to);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
