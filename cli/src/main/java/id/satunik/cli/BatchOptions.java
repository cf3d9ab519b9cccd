package id.satunik.cli;

import id.satunik.interchange.Type2Fields;
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

    @Parameters(paramLabel = "MANIFEST.jsonl|DIR|FILE.an2",
            description = {"Enrollment records, one JSON object per line; image paths relative to the manifest's folder.",
                    "Or ANSI/NIST-ITL transactions: one .an2/.eft file, or a folder of them (one record per file, in"
                            + " name order; NIK and demographics from Type-2, fingers from Type-4/14, irises from Type-17)."})
    Path manifest;

    @Option(names = "--type2", paramLabel = "KEY=2.NNN", split = ",",
            description = "Where ANSI/NIST transactions keep the person's data in Type-2: nik, name, birthDate, sex,"
                    + " region (defaults, EBTS-style: nik=2.016,name=2.018,region=2.020,birthDate=2.022,sex=2.024).")
    java.util.Map<String, String> type2 = new java.util.LinkedHashMap<>();

    /** The Type-2 mapping the options give. @throws CliFailure on an unknown key or a malformed field */
    Type2Fields type2() {
        Type2Fields fields = Type2Fields.DEFAULT;
        for (var e : type2.entrySet()) {
            try {
                fields = fields.with(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new CliFailure("--type2: " + ex.getMessage());
            }
        }
        return fields;
    }
}
