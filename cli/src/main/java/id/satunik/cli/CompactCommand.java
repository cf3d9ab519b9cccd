package id.satunik.cli;

import id.satunik.DedupEngine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code satunik compact}: removes what deleted persons left behind. One instance per run. */
@Command(name = "compact", sortOptions = false,
        description = {"Removes what deleted persons left in the store files: tombstones, iris codes and journal "
                + "entries (templates included). Journal entries are renumbered: take a new backup afterwards."})
final class CompactCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        store.requireExisting();
        long removed;
        try {
            removed = DedupEngine.compact(store.engineOptions());
        } catch (RuntimeException e) {
            throw new CliFailure("cannot compact store " + store.store + ": " + Problems.message(e), e);
        }
        spec.commandLine().getOut().println("compacted " + store.store + ": " + removed + " deleted person(s) removed");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
