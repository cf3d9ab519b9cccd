package id.satunik.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code satunik} command line: {@code dedup}, {@code enroll}, {@code identify}, {@code verify} and
 * {@code stats} over a SatuNIK store, on top of the public {@link id.satunik.DedupEngine} API.
 *
 * <p>Exit codes: 0 when the command ran to its end (whatever the decisions or scores), 2 when it could not run
 * (bad options, unreadable manifest, store missing or locked, report not writable), 1 for an internal error.
 *
 * <p>Thread-safety: one instance serves one {@code execute} call; picocli fills its fields while parsing.
 */
@Command(name = "satunik",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = SatunikCli.Version.class,
        description = "SatuNIK: one NIK per person. Biometric deduplication of enrollment records.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {DedupCommand.class, EnrollCommand.class, IdentifyCommand.class, VerifyCommand.class,
                StatsCommand.class, MemberCommand.class, ReportCommand.class, TemplateCommand.class,
                EvaluateCommand.class, GenerateCommand.class, DeleteCommand.class, UpdateCommand.class,
                CompactCommand.class, BackupCommand.class, RestoreCommand.class, VerifyStoreCommand.class,
                RepairCommand.class, AdjudicateCommand.class, CommandLine.HelpCommand.class})
public final class SatunikCli implements Runnable {
    /** Exit code of a command that could not run. */
    static final int CANNOT_RUN = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new SatunikCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(SatunikCli::handleFailure);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: dedup, enroll, identify, verify, stats, report, template, evaluate, generate, delete, update, compact, backup, restore, verify-store or adjudicate");
    }

    private static int handleFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof CliFailure failure) {
            command.getErr().println(name + ": " + failure.getMessage());
            command.getErr().flush();
            return CANNOT_RUN;
        }
        command.getErr().println(name + ": internal error: " + e);
        e.printStackTrace(command.getErr());
        command.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The version from the jar manifest ({@code Implementation-Version}), "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SatunikCli.class.getPackage().getImplementationVersion();
            return new String[] {"SatuNIK " + (version == null ? "development build" : version),
                    "Java " + Runtime.version()};
        }
    }
}
