package id.satunik.cli;

import id.satunik.index.StoreMaintenance;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code satunik verify-store}: checks every file of a store and its history. One instance per invocation.
 */
@Command(name = "verify-store", sortOptions = false,
        description = {"Checks every file of the store: headers, store identity, every person record's and iris "
                + "record's checksum, every fingerprint template, every iris slot a person names; then the audit "
                + "log's hash chain, every journal frame's checksum, and that the person store holds exactly the "
                + "persons the journal leaves enrolled.",
                "Exit code 0 when sound; 2 when the store cannot be opened or a record is damaged (naming the file "
                        + "and the damage); 3 when a history check finds a problem (each printed on a line)."})
final class VerifyStoreCommand implements Callable<Integer> {
    /** Exit code when the store opens and reads but a history check finds a problem. */
    static final int UNSOUND = 3;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        store.requireExisting();
        StoreMaintenance.Verification result;
        try {
            result = StoreMaintenance.verify(store.engineOptions());
        } catch (RuntimeException e) {
            throw new CliFailure("store " + store.store + " is damaged or cannot be opened: " + Problems.message(e), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (result.problems().isEmpty()) {
            out.println(result.summary());
        } else {
            result.problems().forEach(p -> out.println("PROBLEM " + p));
        }
        out.flush();
        return result.problems().isEmpty() ? 0 : UNSOUND;
    }
}
