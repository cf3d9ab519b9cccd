package id.satunik.index;

import id.satunik.EngineOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backup and restore of a store through its journal. The journal holds every change in full (templates and iris
 * codes included), and entries are only ever appended, so the prefix of the journal up to a position taken under
 * the enrollment lock is a consistent snapshot that can be copied while enrollments go on. A backup folder holds
 * that prefix, the audit log up to the same moment, the cipher marker (never the key), and {@value #MANIFEST}
 * with the journal position and each file's SHA-256. Restore checks the checksums, copies the files into a new
 * store folder, appends a journal tail (the entries of a later journal past the backup's position) when given,
 * and rebuilds the store files by replaying the journal.
 *
 * <p>Stateless; thread-safe.
 */
final class Backup {
    static final String MANIFEST = "backup.manifest";

    private Backup() {
    }

    /** Copies the first {@code journalBytes} of the journal and {@code auditBytes} of the audit log to {@code to}. */
    static void write(Path store, Path to, long seq, long journalBytes, long auditBytes) {
        try {
            if (Files.exists(to) && (!Files.isDirectory(to) || hasFiles(to))) {
                throw new IllegalStateException("backup folder " + to + " is not empty");
            }
            Files.createDirectories(to);
            Map<String, String> sums = new LinkedHashMap<>();
            sums.put(Journal.FILE, copyPrefix(store.resolve(Journal.FILE), to.resolve(Journal.FILE), journalBytes));
            sums.put(AuditLog.FILE, copyPrefix(store.resolve(AuditLog.FILE), to.resolve(AuditLog.FILE), auditBytes));
            Path marker = store.resolve(TemplateCipher.MARKER);
            if (Files.exists(marker)) {
                sums.put(TemplateCipher.MARKER, copyPrefix(marker, to.resolve(TemplateCipher.MARKER), Files.size(marker)));
            }
            StringBuilder manifest = new StringBuilder("satunik-backup 1\n")
                    .append("journal-seq ").append(seq).append('\n');
            sums.forEach((name, sum) -> manifest.append("sha256 ").append(sum).append(' ').append(name).append('\n'));
            Files.writeString(to.resolve(MANIFEST), manifest.toString());
            try (FileChannel channel = FileChannel.open(to.resolve(MANIFEST), StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Journal.forceDirectory(to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write backup to " + to + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static String copyPrefix(Path from, Path to, long bytes) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < bytes) {
                done += in.transferTo(done, bytes - done, out);
            }
            out.force(true);
        }
        return sha256(to);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the digest stream hashes as it reads
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a backup's files against its manifest.
     *
     * @return the journal entry the backup ends with
     * @throws IllegalStateException naming the file that does not match
     */
    static long verify(Path from) {
        Path manifest = from.resolve(MANIFEST);
        if (!Files.exists(manifest)) {
            throw new IllegalStateException("no SatuNIK backup in " + from + " (" + MANIFEST + " missing)");
        }
        try {
            List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.getFirst().equals("satunik-backup 1")) {
                throw new IllegalStateException("not a SatuNIK backup manifest: " + manifest);
            }
            long seq = -1;
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split(" ", 3);
                if (parts[0].equals("journal-seq")) {
                    seq = Long.parseLong(parts[1]);
                } else if (parts[0].equals("sha256")) {
                    Path file = from.resolve(parts[2]);
                    if (!Files.exists(file)) {
                        throw new IllegalStateException("backup " + from + " lacks " + parts[2]);
                    }
                    if (!sha256(file).equals(parts[1])) {
                        throw new IllegalStateException("backup file " + file + " does not match its checksum "
                                + "(damaged or altered)");
                    }
                }
            }
            if (seq < 0) {
                throw new IllegalStateException("backup manifest " + manifest + " has no journal position");
            }
            return seq;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read backup " + from + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores the backup in {@code from} into the new store folder of {@code options}, appending the entries of
     * {@code tail} (a journal, e.g. the damaged store's) past the backup's position when not null, and rebuilds
     * the store files from the journal.
     *
     * @return the journal entry the restored store ends with
     */
    static long restore(Path from, Path tail, EngineOptions options) {
        long seq = verify(from);
        Path store = options.store();
        try {
            if (Files.exists(store.resolve(Journal.FILE)) || ChronicleMapPersonStore.exists(store)) {
                throw new IllegalStateException("store " + store + " already exists: restore into a new folder");
            }
            Files.createDirectories(store);
            for (String name : List.of(Journal.FILE, AuditLog.FILE, TemplateCipher.MARKER)) {
                if (Files.exists(from.resolve(name))) {
                    Files.copy(from.resolve(name), store.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore into " + store + ": " + e.getMessage(), e);
        }
        long last = seq;
        if (tail != null) {
            TemplateCipher cipher = TemplateCipher.forStore(store, options.key(), false);
            List<JournalEntry> later = new ArrayList<>();
            Journal.read(tail, cipher, entry -> {
                if (entry.seq() > seq) {
                    later.add(entry);
                }
            });
            if (!later.isEmpty() && later.getFirst().seq() != seq + 1) {
                throw new IllegalStateException("journal " + tail + " does not continue the backup: it holds entries "
                        + "from " + later.getFirst().seq() + ", the backup ends at " + seq);
            }
            try (Journal journal = Journal.open(store, cipher, options.durability(), Checkpoint.START, entry -> { })) {
                for (JournalEntry entry : later) {
                    journal.append(entry, entry.at());
                }
                journal.force();
                last = journal.lastSeq();
            }
        }
        // Opening replays the whole journal into fresh store files (no checkpoint yet), then checkpoints.
        try (DefaultDedupEngine engine = DefaultDedupEngine.open(options)) {
            engine.auditRestore(from, last);
        }
        return last;
    }
}
