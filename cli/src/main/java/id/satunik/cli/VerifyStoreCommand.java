package id.satunik.cli;

import id.satunik.DedupEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code satunik verify-store}: the store's history checks. One instance per run. */
@Command(name = "verify-store", sortOptions = false,
        description = {"Checks the audit log's hash chain, every journal frame's checksum, and that the person "
                + "store holds exactly the persons the journal leaves enrolled.",
                "Exit code 0 when sound, 3 when a problem is found (each printed on a line)."})
final class VerifyStoreCommand implements Callable<Integer> {
    /** Exit code when the store is not sound. */
    static final int UNSOUND = 3;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        store.requireExisting();
        List<String> problems;
        try (DedupEngine engine = store.open()) {
            problems = engine.verifyStore();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (problems.isEmpty()) {
            out.println("store " + store.store + ": sound");
        } else {
            problems.forEach(p -> out.println("PROBLEM " + p));
        }
        out.flush();
        return problems.isEmpty() ? 0 : UNSOUND;
    }
}
