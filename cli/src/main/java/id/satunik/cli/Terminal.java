package id.satunik.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is an interactive terminal, so a progress bar never lands in a log file. Stateless. */
final class Terminal {
    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        // Java has no isatty(2); on Linux the descriptor's link names the device. Elsewhere fall back to the
        // console check, which looks at stdin/stdout: close enough for a progress bar.
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null && System.console().isTerminal();
    }
}
