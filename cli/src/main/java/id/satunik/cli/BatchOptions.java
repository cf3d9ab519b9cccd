package id.satunik.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Manifest, report and progress options of the batch commands. Filled by picocli; one per invocation. */
final class BatchOptions {
    @Option(names = "--report", paramLabel = "REPORT.jsonl",
            description = "Where to write the report (JSON Lines, one line per manifest record). Default: stdout.")
    Path report;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr. Default: only when stderr is a terminal.")
    Boolean progress;

    @Parameters(paramLabel = "MANIFEST.jsonl",
            description = "Enrollment records, one JSON object per line; image paths relative to the manifest's folder.")
    Path manifest;
}
