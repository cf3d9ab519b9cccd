package id.satunik.cli;

import id.satunik.DedupEngine;
import id.satunik.InvalidInputException;
import id.satunik.PersonCorrection;
import id.satunik.Sex;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code satunik update}: corrects a person's NIK or demographics. One instance per run. */
@Command(name = "update", sortOptions = false,
        description = {"Corrects the NIK or demographics of the person enrolled under NIK; biometrics stay. The NIK "
                + "rules still hold: a corrected NIK must be valid, agree with sex and birth date, and be free."})
final class UpdateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "NIK", description = "The person's NIK as enrolled.")
    String nik;

    @Option(names = "--nik", paramLabel = "NIK", description = "The corrected NIK.")
    String newNik;

    @Option(names = "--name", paramLabel = "TEXT")
    String name;

    @Option(names = "--birth-date", paramLabel = "YYYY-MM-DD")
    String birthDate;

    @Option(names = "--sex", paramLabel = "M|F")
    String sex;

    @Option(names = "--region", paramLabel = "TEXT")
    String region;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        store.requireExisting();
        PersonCorrection correction;
        try {
            correction = new PersonCorrection(newNik, name, birthDate == null ? null : LocalDate.parse(birthDate),
                    sex == null ? null : Sex.parse(sex), region);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new CliFailure("bad correction: " + e.getMessage(), e);
        }
        try (DedupEngine engine = store.open()) {
            engine.update(nik, correction);
        } catch (InvalidInputException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        spec.commandLine().getOut().println(nik + " updated" + (newNik == null ? "" : " (now " + newNik + ")"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
