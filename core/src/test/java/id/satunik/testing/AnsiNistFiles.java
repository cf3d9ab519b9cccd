package id.satunik.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * NIST's ANSI/NIST-ITL reference transactions in {@code ../shared/data/ansi-nist/nist-reference-files}, and copies
 * of them with the demographics a recording office would put in Type-2 (the reference files carry only a
 * placeholder text there). Only the Type-2 record is rewritten; every other byte stays NIST's.
 */
public final class AnsiNistFiles {
    private static final byte FS = 0x1C;
    private static final byte GS = 0x1D;

    private AnsiNistFiles() {
    }

    /** {@code reference("type-4-tpcard.an2")}. */
    public static Path reference(String name) {
        return SharedData.root().resolve("ansi-nist/nist-reference-files").resolve(name);
    }

    /**
     * Writes {@code target}: the reference file with its Type-2 record replaced by one holding {@code fields}
     * (field number → value, e.g. 18 → "AMINAH,SITI").
     */
    public static Path withType2(String reference, Map<Integer, String> fields, Path target) throws IOException {
        byte[] original = Files.readAllBytes(reference(reference));
        int start = indexOf(original, "\u001C2.001:".getBytes(StandardCharsets.US_ASCII)) + 1;
        int end = start;
        while (original[end] != FS) {
            end++;
        }
        Map<Integer, String> all = new TreeMap<>(fields);
        all.put(2, "00");
        StringBuilder body = new StringBuilder();
        for (Map.Entry<Integer, String> f : all.entrySet()) {
            body.append((char) GS).append(String.format(Locale.ROOT, "2.%03d:", f.getKey())).append(f.getValue());
        }
        String record = null;
        for (int length = body.length() + 7; length < body.length() + 20; length++) {
            String candidate = "2.001:" + length + body + (char) FS;
            if (candidate.getBytes(StandardCharsets.US_ASCII).length == length) {
                record = candidate;
                break;
            }
        }
        if (record == null) {
            throw new IllegalStateException("no self-consistent Type-2 length");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + record.length());
        out.write(original, 0, start);
        out.write(record.getBytes(StandardCharsets.US_ASCII));
        out.write(original, end + 1, original.length - end - 1);
        Files.createDirectories(target.toAbsolutePath().getParent());
        return Files.write(target, out.toByteArray());
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no Type-2 record found");
    }
}
