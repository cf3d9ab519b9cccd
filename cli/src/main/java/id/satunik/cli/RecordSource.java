package id.satunik.cli;

import id.satunik.interchange.AnsiNistReader;
import id.satunik.interchange.Type2Fields;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a batch's records come from: a JSON Lines manifest, or ANSI/NIST-ITL transactions (one file, or a folder
 * of them, one record per file).
 *
 * <p>Implementations are not thread-safe: one per batch, used from one thread.
 */
interface RecordSource extends Closeable {

    /** The next up to {@code max} records (or reasons they cannot be read), empty at the end. */
    List<ManifestLine> next(int max);

    /** @throws CliFailure when the input cannot be opened */
    static RecordSource open(Path input, Type2Fields type2) {
        if (Files.isDirectory(input) || AnsiNistReader.isTransaction(input)) {
            return TransactionFolderReader.open(input, type2);
        }
        return ManifestReader.open(input, type2);
    }

    /** How many records the input holds, for the progress bar. */
    static long count(Path input) {
        if (Files.isDirectory(input) || AnsiNistReader.isTransaction(input)) {
            return TransactionFolderReader.list(input).size();
        }
        return ManifestReader.countRecords(input);
    }
}
