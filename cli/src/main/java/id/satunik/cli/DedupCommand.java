package id.satunik.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code satunik dedup}: the main job. One instance per invocation (picocli); not shared between threads. */
@Command(name = "dedup", sortOptions = false,
        description = {"Checks every manifest record against the store and enrolls the new persons.",
                "Writes one decision per record, in manifest order: ENROLLED, DUPLICATE, NIK_CONFLICT, "
                        + "ALREADY_ENROLLED or REJECTED (with the reason).",
                "Exit code 0 when the run completed, whatever the decisions; 2 when it could not run."})
final class DedupCommand implements Callable<Integer> {
    @Mixin
    BatchOptions batch;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new BatchRun("dedup", batch.manifest, batch.report, store, batch.progress,
                spec.commandLine().getOut(), spec.commandLine().getErr())
                .type2(batch.type2())
                .run((engine, records, sink) -> engine.dedupAll(records, sink));
        return 0;
    }
}
