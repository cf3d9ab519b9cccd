package id.satunik.cli;

import id.satunik.EngineOptions;
import id.satunik.index.SyntheticGallery;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code satunik generate}: fills a store with synthetic persons for capacity planning and speed figures. One
 * instance per invocation.
 */
@Command(name = "generate", sortOptions = false,
        description = {"Fills a store with synthetic persons (valid NIKs, plausible demographics, realistic synthetic "
                + "minutiae, synthetic iris codes) for speed, memory and capacity figures. No search is run.",
            "Person i is the same for a given seed whatever the thread count; --first lets a store grow in steps."})
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--persons", paramLabel = "N", required = true, description = "Persons to add.")
    int persons;

    @Option(names = "--first", paramLabel = "I", defaultValue = "0",
            description = "Number of the first synthetic person. Default: ${DEFAULT-VALUE}.")
    int first;

    @Option(names = "--fingers", paramLabel = "1-10", defaultValue = "10",
            description = "Fingers per person, from the right thumb in ISO order. Default: ${DEFAULT-VALUE}.")
    int fingers;

    @Option(names = "--irises", description = "Give every person two eyes as well.")
    boolean irises;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (persons < 1 || first < 0) {
            throw new CliFailure("--persons must be at least 1 and --first at least 0");
        }
        if (fingers < 1 || fingers > 10) {
            throw new CliFailure("--fingers must be 1-10, was " + fingers);
        }
        EngineOptions options = store.engineOptions();
        if (store.capacity == null) {
            options = options.withCapacity(Math.max(options.capacity(), (long) first + persons));
        }
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        long[] reported = {0};
        try {
            SyntheticGallery.generate(options, first, persons, fingers, irises, seed, done -> {
                if (done - reported[0] >= 100_000 || done == persons) {
                    reported[0] = done;
                    err.printf(Locale.ROOT, "  %,d persons (%.0f s)%n", done, (System.nanoTime() - start) / 1e9);
                    err.flush();
                }
            });
        } catch (RuntimeException e) {
            throw new CliFailure("cannot generate into " + options.store() + ": " + Problems.message(e), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf(Locale.ROOT, "generate: %,d persons x %d fingers%s in %.1f s (%,.0f persons/s) into %s%n",
                persons, fingers, irises ? " + 2 eyes" : "", seconds, persons / seconds, options.store());
        err.flush();
        return 0;
    }
}
