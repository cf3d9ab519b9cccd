package id.satunik.cli;

import id.satunik.index.StoreMaintenance;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code satunik repair}: rebuilds what can be derived. One instance per invocation. */
@Command(name = "repair", sortOptions = false,
        description = {"Rebuilds what can be derived from the store's other files, then verifies it: its identity "
                + "(store.id) when deleted; the finger index (fingers.persons, fingers-POSITION.sketch and .edges) from the "
                + "templates in the person store; the iris code files from the eyes in the journal. A damaged file "
                + "is kept beside its rebuilt one as NAME.damaged.",
                "Stop every process using the store first. The person store and the journal cannot be derived: "
                        + "damage to them is reported, and the store must be restored from a backup."})
final class RepairCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        store.requireExisting();
        String result;
        try {
            result = StoreMaintenance.repair(store.engineOptions());
        } catch (RuntimeException e) {
            throw new CliFailure("cannot repair store " + store.store + ": " + Problems.message(e), e);
        }
        spec.commandLine().getOut().println(result);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
