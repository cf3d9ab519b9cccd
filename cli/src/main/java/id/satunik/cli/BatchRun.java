package id.satunik.cli;

import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.EnrollmentRecord;
import id.satunik.interchange.Type2Fields;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A manifest-in, report-out batch (dedup and enroll): reads the manifest in chunks, hands the readable records to
 * the engine, and writes one report line per manifest record in manifest order, the unreadable lines' REJECTED
 * decisions merged in between the engine's. Progress bar and summary go to stderr, so the report may go to stdout.
 *
 * <p>Not thread-safe: one run per instance.
 */
final class BatchRun {
    /** Records handed to the engine at a time: bounds memory, and large enough to keep every core busy. */
    static final int CHUNK = 1000;

    /** What the engine does with a chunk: calls {@code sink} once per record, in order, one thread at a time. */
    @FunctionalInterface
    interface Step {
        void process(DedupEngine engine, List<EnrollmentRecord> records, Consumer<DedupDecision> sink);
    }

    private final String command;
    private final Path manifest;
    private final Path report;
    private final StoreOptions store;
    private final Boolean progress;
    private final PrintWriter out;
    private final PrintWriter err;
    private Type2Fields type2 = Type2Fields.DEFAULT;

    /**
     * @param report   report file, or null for stdout
     * @param progress true/false forces the progress bar on/off; null shows it when stderr is a terminal
     */
    BatchRun(String command, Path manifest, Path report, StoreOptions store, Boolean progress,
             PrintWriter out, PrintWriter err) {
        this.command = command;
        this.manifest = manifest;
        this.report = report;
        this.store = store;
        this.progress = progress;
        this.out = out;
        this.err = err;
    }

    /** Where ANSI/NIST transactions keep NIK and demographics (default {@link Type2Fields#DEFAULT}). */
    BatchRun type2(Type2Fields fields) {
        this.type2 = fields;
        return this;
    }

    /** @return the decision counts; @throws CliFailure when the run cannot start or cannot go on */
    RunSummary run(Step step) {
        checkReportWritable();
        try (RecordSource reader = RecordSource.open(manifest, type2);
             DedupEngine engine = store.open();
             ReportWriter writer = openReport()) {
            boolean showBar = progress != null ? progress : Terminal.stderrIsTerminal();
            ProgressBar bar = showBar ? new ProgressBar(err, RecordSource.count(manifest)) : null;
            RunSummary summary = new RunSummary(engine.comparisons(), engine.statistics());
            Emitter emitter = (line, decision) -> {
                writer.write(line, decision);
                summary.record(decision);
                if (bar != null) {
                    bar.advance();
                }
            };
            for (List<ManifestLine> chunk; !(chunk = reader.next(CHUNK)).isEmpty(); ) {
                processChunk(engine, step, chunk, emitter);
                writer.flush();
            }
            if (bar != null) {
                bar.finish();
            }
            summary.print(err, command, engine.comparisons(), engine.statistics());
            if (report != null) {
                err.println("  report: " + report);
                err.flush();
            }
            return summary;
        } catch (IOException e) {
            throw new CliFailure("cannot close manifest " + manifest + ": " + Problems.describe(e), e);
        }
    }

    private static void processChunk(DedupEngine engine, Step step, List<ManifestLine> chunk, Emitter emitter) {
        List<EnrollmentRecord> records = chunk.stream()
                .filter(line -> line instanceof ManifestLine.Parsed)
                .map(line -> ((ManifestLine.Parsed) line).record())
                .toList();
        InOrder merge = new InOrder(chunk, emitter);
        try {
            step.process(engine, records, merge::engineDecision);
        } catch (RuntimeException e) {
            // a report failure inside the sink may come back wrapped by the engine's threads
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof CliFailure failure) {
                    throw failure;
                }
            }
            throw e;
        }
        merge.finish();
    }

    private void checkReportWritable() {
        if (report == null) {
            return;
        }
        Path parent = report.toAbsolutePath().getParent();
        String problem = Files.isDirectory(report) ? "it is a directory"
                : Files.exists(report) && !Files.isWritable(report) ? "permission denied"
                : parent != null && Files.exists(parent) && !Files.isDirectory(parent) ? parent + " is not a directory"
                : parent != null && Files.isDirectory(parent) && !Files.isWritable(parent) ? "folder " + parent + " is not writable"
                : null;
        if (problem != null) {
            throw new CliFailure("cannot write report " + report + ": " + problem);
        }
    }

    private ReportWriter openReport() {
        if (report == null) {
            return new ReportWriter(new CheckedWriter(out), "stdout", false);
        }
        try {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new ReportWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8), report.toString(), true);
        } catch (IOException e) {
            throw new CliFailure("cannot write report " + report + ": " + Problems.describe(e), e);
        }
    }

    @FunctionalInterface
    private interface Emitter {
        void emit(int line, DedupDecision decision);
    }

    /** Puts the engine's decisions (one per parsed record, in order) back between the malformed lines. */
    private static final class InOrder {
        private final List<ManifestLine> chunk;
        private final Emitter emitter;
        private int next;

        InOrder(List<ManifestLine> chunk, Emitter emitter) {
            this.chunk = chunk;
            this.emitter = emitter;
        }

        // synchronized: the engine promises one thread at a time, not always the same thread
        synchronized void engineDecision(DedupDecision decision) {
            emitMalformed();
            if (next == chunk.size()) {
                throw new IllegalStateException("the engine returned more decisions than records");
            }
            emitter.emit(chunk.get(next++).line(), decision);
        }

        synchronized void finish() {
            emitMalformed();
            if (next != chunk.size()) {
                throw new IllegalStateException("the engine returned no decision for manifest line " + chunk.get(next).line());
            }
        }

        private void emitMalformed() {
            while (next < chunk.size() && chunk.get(next) instanceof ManifestLine.Malformed malformed) {
                emitter.emit(malformed.line(), malformed.rejection());
                next++;
            }
        }
    }

    /** Stdout as a Writer that reports errors: PrintWriter swallows them (a closed pipe would go unnoticed). */
    private static final class CheckedWriter extends Writer {
        private final PrintWriter target;

        CheckedWriter(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            target.write(buffer, offset, length);
            check();
        }

        @Override
        public void flush() throws IOException {
            target.flush();
            check();
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        private void check() throws IOException {
            if (target.checkError()) {
                throw new IOException("write failed (closed pipe or full disk)");
            }
        }
    }
}
