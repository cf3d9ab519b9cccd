package id.satunik.cli;

import id.satunik.index.StoreMaintenance;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code satunik verify-store}: checks every file of a store. One instance per invocation. */
@Command(name = "verify-store", sortOptions = false,
        description = {"Checks every file of the store: headers, store identity, every person record's and iris "
                + "record's checksum, every fingerprint template, every iris slot a person names.",
                "Exit code 0 when sound; 2 naming the file and the damage."})
final class VerifyStoreCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        store.requireExisting();
        String result;
        try {
            result = StoreMaintenance.verify(store.store, store.engineOptions().threads());
        } catch (RuntimeException e) {
            throw new CliFailure("store " + store.store + " is damaged or cannot be opened: " + Problems.message(e), e);
        }
        spec.commandLine().getOut().println(result);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
