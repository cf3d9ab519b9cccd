package id.satunik.index;

import id.satunik.Durability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The store's audit log ({@value #FILE}): append-only JSON lines, one per decision and per administrative
 * operation — who (the operator id), what (action, NIK, outcome, detail), when, and the journal entry it caused —
 * hash-chained: each line carries the SHA-256 of the previous line's hash and its own content, so an altered,
 * inserted or removed line breaks the chain and {@link #verify} names it. The chain proves the order and integrity
 * of what is there; that nothing was cut off the end is shown by comparing the head hash ({@link Verification#head})
 * with one recorded elsewhere (a backup's manifest, an operator's log).
 *
 * <p>No template and no name is written here: only NIKs, decisions and reasons.
 *
 * <p>Thread-safety: {@link #record} and {@link #sync} are synchronized.
 */
final class AuditLog implements AutoCloseable {
    static final String FILE = "audit.log";
    static final String GENESIS = "0".repeat(64);
    private static final String HASH_FIELD = ",\"hash\":\"";

    private final Path path;
    private final FileChannel channel;
    private final Durability durability;
    private long seq;
    private String head;
    private boolean unsynced;

    private AuditLog(Path path, FileChannel channel, Durability durability, long seq, String head) {
        this.path = path;
        this.channel = channel;
        this.durability = durability;
        this.seq = seq;
        this.head = head;
    }

    /** What a verification found. @param problems empty when the chain is whole */
    record Verification(long entries, String head, List<String> problems) {
    }

    /** Opens (creating) the audit log of {@code dir}; a torn last line (a crash mid-write) is cut off. */
    static AuditLog open(Path dir, Durability durability) {
        Path path = dir.resolve(FILE);
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                long end = lastNewlineEnd(channel);
                if (end < channel.size()) {
                    channel.truncate(end);
                    channel.force(true);
                }
                String last = lastLine(channel, end);
                long seq = 0;
                String head = GENESIS;
                if (last != null) {
                    int at = last.lastIndexOf(HASH_FIELD);
                    if (at < 0 || !last.startsWith("{\"seq\":")) {
                        throw new IllegalStateException("audit log " + path + " does not end with an audit entry");
                    }
                    head = last.substring(at + HASH_FIELD.length(), at + HASH_FIELD.length() + 64);
                    seq = Long.parseLong(last.substring(7, last.indexOf(',')));
                }
                return new AuditLog(path, channel, durability, seq, head);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit log " + path + ": " + e.getMessage(), e);
        }
    }

    private static long lastNewlineEnd(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long p = size - 1; p >= 0; p--) {
            one.clear();
            channel.read(one, p);
            if (one.get(0) == '\n') {
                return p + 1;
            }
        }
        return 0;
    }

    private static String lastLine(FileChannel channel, long end) throws IOException {
        if (end == 0) {
            return null;
        }
        long start = Math.max(0, end - 64 * 1024);
        ByteBuffer tail = ByteBuffer.allocate((int) (end - start));
        channel.read(tail, start);
        String text = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
        text = text.substring(0, text.length() - 1);
        return text.substring(text.lastIndexOf('\n') + 1);
    }

    /**
     * Appends one entry.
     *
     * @param journalSeq the journal entry the operation wrote, 0 for none (a decision that changed nothing)
     */
    synchronized void record(Instant at, String operator, String action, String nik, String outcome,
                             long journalSeq, String detail) {
        long next = seq + 1;
        StringBuilder line = new StringBuilder(256).append("{\"seq\":").append(next)
                .append(",\"at\":\"").append(at).append('"');
        field(line, "operator", operator);
        field(line, "action", action);
        field(line, "nik", nik);
        field(line, "outcome", outcome);
        line.append(",\"journal\":").append(journalSeq);
        field(line, "detail", detail);
        field(line, "prev", head);
        String hash = sha256(line.toString());
        line.append(HASH_FIELD).append(hash).append("\"}\n");
        ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
        try {
            long position = channel.size();
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to audit log " + path + ": " + e.getMessage(), e);
        }
        seq = next;
        head = hash;
        unsynced = true;
        if (durability == Durability.RECORD) {
            sync();
        }
    }

    /** Forces appended entries to disk unless durability is NONE. */
    synchronized void sync() {
        if (durability != Durability.NONE) {
            force();
        }
    }

    synchronized void force() {
        if (unsynced) {
            try {
                channel.force(false);
                unsynced = false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sync audit log " + path + ": " + e.getMessage(), e);
            }
        }
    }

    synchronized long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized String head() {
        return head;
    }

    synchronized long entries() {
        return seq;
    }

    /** Checks the hash chain of an audit log file, line by line. */
    static Verification verify(Path file) {
        List<String> problems = new ArrayList<>();
        String previous = GENESIS;
        long expectedSeq = 1;
        long entries = 0;
        if (!Files.exists(file)) {
            return new Verification(0, GENESIS, List.of());
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                int at = line.lastIndexOf(HASH_FIELD);
                if (at < 0 || !line.endsWith("\"}") || line.length() != at + HASH_FIELD.length() + 66) {
                    problems.add("audit line " + lineNumber + ": not an audit entry");
                    continue;
                }
                String content = line.substring(0, at);
                String hash = line.substring(at + HASH_FIELD.length(), at + HASH_FIELD.length() + 64);
                if (!sha256(content).equals(hash)) {
                    problems.add("audit line " + lineNumber + ": altered (its hash does not match its content)");
                }
                if (!content.endsWith(",\"prev\":\"" + previous + "\"")) {
                    problems.add("audit line " + lineNumber + ": chain broken (an entry before it was removed, "
                            + "inserted or altered)");
                }
                long seq = content.startsWith("{\"seq\":") && content.indexOf(',') > 7
                        ? parseOr(content.substring(7, content.indexOf(',')), -1) : -1;
                if (seq != expectedSeq) {
                    problems.add("audit line " + lineNumber + ": entry number " + seq + ", expected " + expectedSeq);
                }
                expectedSeq = seq + 1;
                previous = hash;
                entries++;
            }
        } catch (IOException e) {
            problems.add("cannot read " + file + ": " + e.getMessage());
        }
        return new Verification(entries, previous, List.copyOf(problems));
    }

    private static long parseOr(String text, long fallback) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            force();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close audit log " + path, e);
        }
    }
}
