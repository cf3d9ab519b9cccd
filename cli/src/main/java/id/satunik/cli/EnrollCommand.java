package id.satunik.cli;

import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.EnrollmentRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code satunik enroll}: loads records without a biometric search (an already deduplicated gallery). Records
 * are enrolled in parallel, except that records with the same NIK go in manifest order, so that the first one
 * wins whatever the scheduling. One instance per invocation; not shared between threads.
 */
@Command(name = "enroll", sortOptions = false,
        description = {"Adds manifest records to the store WITHOUT a biometric search (loads an already "
                + "deduplicated gallery).", "Refuses a NIK that is already enrolled. Same manifest and report "
                + "formats as dedup."})
final class EnrollCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    BatchOptions batch;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int threads = store.engineOptions().threads();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            new BatchRun("enroll", batch.manifest, batch.report, store, batch.progress,
                    spec.commandLine().getOut(), spec.commandLine().getErr())
                .type2(batch.type2())
                    .run((engine, records, sink) -> enrollAll(engine, records, sink, pool));
        }
        return 0;
    }

    static void enrollAll(DedupEngine engine, List<EnrollmentRecord> records, Consumer<DedupDecision> sink,
                          ExecutorService pool) {
        Map<String, CompletableFuture<DedupDecision>> lastByNik = new HashMap<>();
        List<CompletableFuture<DedupDecision>> results = new ArrayList<>(records.size());
        for (EnrollmentRecord record : records) {
            String nik = record.nik() == null ? "" : record.nik().strip();
            CompletableFuture<DedupDecision> before = lastByNik.get(nik);
            CompletableFuture<DedupDecision> result = before == null
                    ? CompletableFuture.supplyAsync(() -> engine.enroll(record), pool)
                    : before.handle((ignored, error) -> null).thenApplyAsync(ignored -> engine.enroll(record), pool);
            lastByNik.put(nik, result);
            results.add(result);
        }
        results.forEach(result -> sink.accept(result.join()));
    }
}
