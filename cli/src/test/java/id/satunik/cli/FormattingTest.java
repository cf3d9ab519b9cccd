package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress bar and byte sizes, as printed. */
class FormattingTest {
    @Test
    void progressBar() {
        assertEquals("[###############---------------]  50%  9/18 records  4.5 rec/s  ETA 2s",
                ProgressBar.render(9, 18, 2.0));
        assertEquals("[##############################] 100%  18/18 records  9.0 rec/s", ProgressBar.render(18, 18, 2.0));
        assertEquals("[------------------------------]   0%  0/18 records  0.0 rec/s", ProgressBar.render(0, 18, 0));
        assertEquals("1h01m", ProgressBar.duration(3661));
        assertEquals("2m05s", ProgressBar.duration(125));
    }

    @Test
    void humanBytes() {
        assertEquals("512 B", StatsCommand.humanBytes(512));
        assertEquals("1.0 KiB", StatsCommand.humanBytes(1024));
        assertEquals("1.5 MiB", StatsCommand.humanBytes(1536 * 1024));
        assertEquals("3.0 GiB", StatsCommand.humanBytes(3L << 30));
    }
}
