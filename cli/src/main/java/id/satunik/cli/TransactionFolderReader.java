package id.satunik.cli;

import id.satunik.InvalidInputException;
import id.satunik.interchange.AnsiNistReader;
import id.satunik.interchange.AnsiNistTransaction;
import id.satunik.interchange.Type2Fields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * ANSI/NIST-ITL transactions as a batch: one file, or every transaction file of a folder in name order (not its
 * sub-folders), one record per file. The report's {@code line} is the file's 1-based place in that order; a file
 * that cannot be read, or carries no NIK in its Type-2 record, is REJECTED naming the file, and the batch goes on.
 *
 * <p>Not thread-safe: one reader per batch, used from one thread.
 */
final class TransactionFolderReader implements RecordSource {
    private final List<Path> files;
    private final AnsiNistReader reader;
    private final Type2Fields type2;
    private int next;

    private TransactionFolderReader(List<Path> files, Type2Fields type2) {
        this.files = files;
        this.reader = new AnsiNistReader(type2);
        this.type2 = type2;
    }

    static TransactionFolderReader open(Path input, Type2Fields type2) {
        return new TransactionFolderReader(list(input), type2);
    }

    /** @throws CliFailure when the folder cannot be listed or holds no transaction */
    static List<Path> list(Path input) {
        if (!Files.isDirectory(input)) {
            if (!Files.isRegularFile(input)) {
                throw new CliFailure("cannot read ANSI/NIST file " + input + ": not found");
            }
            return List.of(input);
        }
        try (Stream<Path> entries = Files.list(input)) {
            List<Path> files = entries.filter(Files::isRegularFile).filter(AnsiNistReader::isTransaction).sorted().toList();
            if (files.isEmpty()) {
                throw new CliFailure("folder " + input + " holds no ANSI/NIST transaction ("
                        + String.join(", ", AnsiNistReader.EXTENSIONS.stream().sorted().map(e -> "." + e).toList()) + ")");
            }
            return files;
        } catch (IOException e) {
            throw new CliFailure("cannot list folder " + input + ": " + Problems.describe(e), e);
        }
    }

    @Override
    public List<ManifestLine> next(int max) {
        List<ManifestLine> chunk = new ArrayList<>();
        while (chunk.size() < max && next < files.size()) {
            Path file = files.get(next++);
            chunk.add(read(next, file));
        }
        return chunk;
    }

    private ManifestLine read(int line, Path file) {
        AnsiNistTransaction transaction;
        try {
            transaction = reader.read(file);
        } catch (InvalidInputException e) {
            return new ManifestLine.Malformed(line, null, e.getMessage());
        }
        if (transaction.nik() == null) {
            return new ManifestLine.Malformed(line, null, file + ": no NIK in Type-2 field "
                    + String.format(Locale.ROOT, "2.%03d", type2.nik()) + "; name the field with --type2 nik=2.NNN,"
                    + " or list the file in a manifest line {\"nik\": ..., \"ansiNist\": \"" + file.getFileName() + "\"}");
        }
        return new ManifestLine.Parsed(line, transaction.toRecord(null));
    }

    @Override
    public void close() {
        // nothing held open between files
    }
}
