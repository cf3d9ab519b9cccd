package id.satunik.cli;

import id.satunik.DedupEngine;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code satunik restore}: a backup into a new store. One instance per run. */
@Command(name = "restore", sortOptions = false,
        description = {"Checks a backup's checksums and restores it into the new store folder --store, replaying "
                + "the entries of --journal-tail past the backup's position when given (e.g. the damaged store's "
                + "journal.log)."})
final class RestoreCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--from", paramLabel = "DIR", required = true, description = "Backup folder.")
    Path from;

    @Option(names = "--journal-tail", paramLabel = "FILE", description = "A later journal of the same store.")
    Path tail;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long seq;
        try {
            seq = DedupEngine.restore(from, tail, store.engineOptions());
        } catch (RuntimeException e) {
            throw new CliFailure("cannot restore " + from + ": " + Problems.message(e), e);
        }
        spec.commandLine().getOut().println("restored " + from + " into " + store.store + " up to journal entry " + seq);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
