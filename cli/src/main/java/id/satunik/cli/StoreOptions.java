package id.satunik.cli;

import id.satunik.DedupEngine;
import id.satunik.Durability;
import id.satunik.EngineOptions;
import id.satunik.StoreKey;
import id.satunik.cluster.ClusterEngine;
import id.satunik.cluster.ClusterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every store command shares, and opening the engine with them. Filled by picocli; one instance per
 * command invocation, not shared between threads.
 */
final class StoreOptions {
    /** The embedded default store: a folder in the working directory. */
    static final String DEFAULT_STORE = "satunik-store";

    @Option(names = "--store", paramLabel = "DIR", defaultValue = DEFAULT_STORE,
            description = "Store folder (dedup and enroll create it when missing; the other commands refuse a missing"
                    + " one). Default: ${DEFAULT-VALUE} in the working directory.")
    Path store;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads for extraction and 1:N search. Default: all cores.")
    Integer threads;

    @Option(names = "--threshold", paramLabel = "X", defaultValue = "40",
            description = "Person score from which two records are one person (40 = FMR about 0.01%%). Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Option(names = "--target-fpir", paramLabel = "RATE",
            description = {"Target false-positive identification rate per search, e.g. 0.001 (MOSIP ABIS targetFPIR):",
                    "the decision threshold becomes -10*log10(RATE / gallery size), never below --threshold.",
                    "Default: none (the fixed --threshold)."})
    Double targetFpir;

    @Option(names = "--capacity", paramLabel = "N",
            description = "Persons a new store is sized for (it can grow past it, with slower lookups). Default: 10,000"
                    + " (EngineOptions.DEFAULT_CAPACITY).")
    Long capacity;

    @Option(names = "--exhaustive",
            description = "Compare with every enrolled person with SourceAFIS (the slow reference search) instead of "
                    + "the pre-selection by the compact finger index.")
    boolean exhaustive;

    @Option(names = "--durability", paramLabel = "LEVEL", defaultValue = "batch",
            description = "When the write-ahead journal is forced to disk: none, batch (once per group of decisions, "
                    + "the default) or record (per decision). A decision is reported only once durable at this level.")
    Durability durability;

    @Option(names = "--operator", paramLabel = "ID",
            description = "Who runs this command, for the audit log. Default: the login name.")
    String operator;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "Key of a store encrypted at rest (64 hex digits or Base64 of 32 bytes; never kept in the "
                    + "store). Default: the environment variable " + StoreKey.ENVIRONMENT + ", if set. Given to a new "
                    + "store, it encrypts its templates.")
    Path keyFile;

    @Option(names = "--min-iris-quality", paramLabel = "Q", defaultValue = "0",
            description = {"Minimum quality 0-100 of a submitted eye (ISO/IEC 29794-6 spirit, see docs/iris.md): an eye",
                    "below it is dropped with its measures as the reason, e.g. to ask for a recapture. Default:",
                    "${DEFAULT-VALUE} (only unusable eyes are dropped: no iris found, too little iris free of lids)."})
    double minIrisQuality;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "Run against the SatuNIK cluster of this name as a client (see satunik member and --join); "
                    + "--store is then not opened.")
    String cluster;

    @Option(names = "--join", paramLabel = "HOST:PORT,...", defaultValue = "127.0.0.1:5701",
            description = "Members of the cluster to connect to. Default: ${DEFAULT-VALUE}.")
    String join;

    EngineOptions engineOptions() {
        try {
            EngineOptions options = EngineOptions.at(store).withThreshold(threshold).withExhaustive(exhaustive)
                    .withDurability(durability == null ? Durability.BATCH : durability)
                    .withOperator(operator != null ? operator : System.getProperty("user.name", "system"))
                    .withKey(keyFile != null ? StoreKey.fromFile(keyFile) : StoreKey.fromEnvironment())
                    .withMinIrisQuality(minIrisQuality);
            if (threads != null) {
                options = options.withThreads(threads);
            }
            if (capacity != null) {
                options = options.withCapacity(capacity);
            }
            if (targetFpir != null) {
                if (!(targetFpir > 0)) {
                    throw new CliFailure("--target-fpir must be in (0, 1), was " + targetFpir);
                }
                options = options.withTargetFpir(targetFpir);
            }
            return options;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    /** For the reading commands: a mistyped --store must not create an empty store. */
    void requireExisting() {
        if (cluster != null) {
            return;
        }
        if (!Files.isDirectory(store)) {
            throw new CliFailure("no store at " + store + " (dedup or enroll create one; see --store)");
        }
    }

    /** @throws CliFailure when the store cannot be opened (unreadable, corrupt, locked by another process) */
    DedupEngine open() {
        if (cluster != null) {
            try {
                return ClusterEngine.client(ClusterOptions.of(cluster, join), engineOptions());
            } catch (RuntimeException e) {
                throw new CliFailure("cannot reach cluster " + cluster + " at " + join + ": " + Problems.message(e), e);
            }
        }
        return open(engineOptions());
    }

    static DedupEngine open(EngineOptions options) {
        try {
            return DedupEngine.open(options);
        } catch (RuntimeException e) {
            String hint = e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("needs JVM flags")
                    ? " To run the command line: scripts/satunik ..., or java $(cat cli/target/satunik.jvmopts) -jar"
                    + " cli/target/satunik.jar ..." : "";
            throw new CliFailure("cannot open store " + options.store() + ": " + Problems.message(e) + hint, e);
        }
    }
}
