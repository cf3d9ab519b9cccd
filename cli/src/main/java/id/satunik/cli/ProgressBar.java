package id.satunik.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn with a carriage return at most a few times a second:
 * {@code [##########----------]  50%  9/18 records  4.2 rec/s  ETA 2s}.
 *
 * <p>Not thread-safe: advanced from the one thread that receives decisions.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;

    ProgressBar(PrintWriter err, long total) {
        this.err = err;
        this.total = total;
    }

    void advance() {
        done++;
        long now = System.nanoTime();
        if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS || done == total) {
            draw(now);
            lastDraw = now;
        }
    }

    /** Ends the bar's line so that the summary starts on a fresh one. */
    void finish() {
        draw(System.nanoTime());
        err.println();
        err.flush();
    }

    private void draw(long now) {
        String line = render(done, total, (now - start) / 1e9);
        // pad over the previous, possibly longer, line
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    static String render(long done, long total, double seconds) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && done < total ? "  ETA " + duration((total - done) / rate) : "";
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %d/%d records  %.1f rec/s%s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), Math.round(fraction * 100), done, total, rate, eta);
    }

    static String duration(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
        }
        return d.toSeconds() + "s";
    }
}
