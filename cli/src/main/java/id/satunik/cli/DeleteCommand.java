package id.satunik.cli;

import id.satunik.DedupEngine;
import id.satunik.InvalidInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code satunik delete}: removes persons from every store file, journalled and audited. One instance per run. */
@Command(name = "delete", sortOptions = false,
        description = {"Deletes the persons enrolled under the NIKs from every store file (a death, a court order, "
                + "a wrongly merged record); they are never found again. The reason goes to the audit log.",
                "Prints one line per NIK: deleted, not enrolled, or the problem with it."})
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (kept in the audit log).")
    String reason;

    @Parameters(paramLabel = "NIK", arity = "1..*", description = "NIKs of the persons to delete.")
    List<String> niks;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        store.requireExisting();
        PrintWriter out = spec.commandLine().getOut();
        try (DedupEngine engine = store.open()) {
            for (String nik : niks) {
                try {
                    out.println(nik + (engine.delete(nik, reason) ? " deleted" : " not enrolled (nothing changed)"));
                } catch (InvalidInputException e) {
                    out.println(nik + " refused: " + e.getMessage());
                }
            }
        }
        out.flush();
        return 0;
    }
}
