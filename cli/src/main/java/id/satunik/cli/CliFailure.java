package id.satunik.cli;

/**
 * A command cannot run at all (as opposed to a record being rejected): the message is printed on one line and
 * the process exits with {@link SatunikCli#CANNOT_RUN}. Immutable.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message);
    }

    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
