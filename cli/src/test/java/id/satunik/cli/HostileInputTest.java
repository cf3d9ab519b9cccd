package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's attacks, each with its exact input, as regressions: no record ends a batch, the report stays valid
 * UTF-8 JSON with one line per manifest record, and special or huge files are refused before they are read.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS) // a named pipe used to hang the batch for ever
    void noRecordEndsTheBatchAndTheReportStaysValidUtf8() throws Exception {
        Path fifo = dir.resolve("pipe.png");
        boolean haveFifo = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        Path huge = dir.resolve("huge.png");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30); // 3 GB, sparse
        }
        Path bomb = Files.write(dir.resolve("bomb.png"), pngClaiming(23000, 23000));
        String thumb = Manifests.image("fvc2002-db1b/104_1").toString();
        String longText = "A".repeat(70_000);
        Path manifest = new Manifests()
                .person("3507014101900001", "Siti Aminah", "1990-01-01", "F", "RIGHT_THUMB=fvc2002-db1b/104_1") // 1
                .raw("{\"nik\":\"350701010190\\ud8000702\",\"fingers\":{\"1\":\"" + thumb + "\"}}")                 // 2
                .raw("{\"nik\":\"3507011203880001\",\"na\\ud800me\":\"x\",\"fingers\":{\"1\":\"" + thumb + "\"}}")  // 3
                .raw("{\"nik\":\"3507011203880001\",\"name\":\"" + longText + "\",\"fingers\":{\"1\":\"" + thumb + "\"}}") // 4
                .raw("{\"nik\":\"3507011203880002\",\"region\":\"" + longText + "\",\"fingers\":{\"1\":\"" + thumb + "\"}}") // 5
                .person("3507010501900001", "Future", "2190-01-05", "M", "1=fvc2002-db1b/104_1")    // 6
                .person("3507010601900001", "Past", "1790-01-06", "M", "1=fvc2002-db1b/104_1")      // 7
                .person("3507011203880003", "Zero", null, null, "1=/dev/zero")                     // 8
                .person("3507011203880004", "Random", null, null, "1=/dev/urandom")                // 9
                .person("3507011203880005", "Pipe", null, null, "1=" + fifo)                       // 10
                .person("3507011203880006", "Huge", null, null, "1=" + huge)                       // 11
                .person("3507011203880007", "Bomb", null, null, "1=" + bomb)                       // 12
                .person("3273011505850002", "Budi Santoso", "1985-05-15", "M", "RIGHT_THUMB=fvc2000-db1b/104_1") // 13
                .raw("{\"nik\":\"3507011203880008\",\"name\":\"" + "B".repeat(1 << 20) + "\"}")    // 14
                .write(dir.resolve("manifest.jsonl"));
        Path reportFile = dir.resolve("report.jsonl");

        Cli run = Cli.run("dedup", "--store", dir.resolve("store").toString(), "--report", reportFile.toString(),
                "--threads", "2", "--capacity", "1000", manifest.toString());

        assertEquals(0, run.exitCode(), run.toString());
        // strict UTF-8: a lone surrogate written as is would make this throw
        Report report = Report.parse(List.of(StandardCharsets.UTF_8.newDecoder()
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(reportFile))).toString().split("\n")));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), report.lineNumbers());
        assertEquals("ENROLLED", report.line(1).get("decision").asText());
        report.assertReason(2, "REJECTED", "invalid NIK");
        report.assertReason(3, "REJECTED", "unknown field");
        report.assertReason(4, "REJECTED", "name is 70000 characters long");
        report.assertReason(5, "REJECTED", "region is 70000 characters long");
        report.assertReason(6, "REJECTED", "birth date 2190-01-05 is in the future");
        report.assertReason(7, "REJECTED", "birth date 1790-01-06 is before 1900-01-01");
        report.assertReason(8, "REJECTED", "/dev/zero", "not a regular file");
        report.assertReason(9, "REJECTED", "/dev/urandom", "not a regular file");
        if (haveFifo) {
            report.assertReason(10, "REJECTED", "pipe.png", "not a regular file");
        }
        report.assertReason(11, "REJECTED", "huge.png", "3221225472 bytes is larger than");
        report.assertReason(12, "REJECTED", "bomb.png", "23000x23000");
        assertEquals("ENROLLED", report.line(13).get("decision").asText());
        report.assertReason(14, "REJECTED", "line is longer than");
    }

    @Test
    void aNameThatIsNotValidUnicodeIsRefusedAndTheReportStaysValid() throws IOException {
        Path manifest = new Manifests()
                .raw("{\"nik\":\"3507014101900001\",\"name\":\"Siti \\udc00\",\"fingers\":{\"1\":\""
                        + Manifests.image("fvc2002-db1b/104_1") + "\"}}")
                .write(dir.resolve("manifest.jsonl"));
        Path reportFile = dir.resolve("report.jsonl");
        Cli run = Cli.run("dedup", "--store", dir.resolve("store").toString(), "--report", reportFile.toString(),
                "--threads", "1", "--capacity", "100", manifest.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Report.read(reportFile).assertReason(1, "REJECTED", "unpaired UTF-16 surrogate");
    }

    @Test
    void verifyRefusesWhatDedupRefuses() {
        String a = Manifests.image("fvc2002-db1b/104_1").toString();
        String b = Manifests.image("fvc2002-db1b/104_2").toString();
        for (String dpi : List.of("0", "-5", "249", "2001")) {
            Cli run = Cli.run("verify", "--dpi", dpi, a, b);
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().contains("dpi " + dpi + " is outside 250-2000"), run.toString());
        }
        for (String threshold : List.of("-1", "NaN", "0", "Infinity")) {
            Cli run = Cli.run("verify", "--threshold", threshold, a, b);
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().contains("--threshold must be a positive number"), run.toString());
        }
        for (String special : List.of("/dev/zero", "/dev/urandom")) {
            Cli run = Cli.run("verify", special, b);
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().contains("not a regular file"), run.toString());
        }
        Cli ok = Cli.run("verify", a, b);
        assertEquals(0, ok.exitCode(), ok.toString());
    }

    /** A 69-byte PNG: signature, an IHDR declaring {@code width} x {@code height} 8-bit grey, a tiny IDAT, IEND. */
    static byte[] pngClaiming(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0, 0, 0, 1, 0, 1, 0, 0, 0});
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
