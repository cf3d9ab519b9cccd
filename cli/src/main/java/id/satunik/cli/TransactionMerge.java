package id.satunik.cli;

import id.satunik.EnrollmentRecord;
import id.satunik.InvalidInputException;
import id.satunik.interchange.AnsiNistReader;
import id.satunik.interchange.AnsiNistTransaction;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A manifest line with {@code "ansiNist": "file.an2"}: the transaction's fingers, irises and demographics, together
 * with what the line itself gives. A value given by both must agree (a line that says one NIK and a file that says
 * another is a mistake to fix, not a choice to make silently); a finger or eye given by both is refused likewise.
 *
 * <p>Thread-safe: stateless.
 */
final class TransactionMerge {
    private TransactionMerge() {
    }

    /**
     * @param line      the record the line's own fields make (NIK possibly null)
     * @param dpiGiven  whether the line set {@code dpi} (else the transaction's resolution is used)
     * @throws ManifestException naming the file and the problem
     */
    static EnrollmentRecord merge(EnrollmentRecord line, String ansiNist, Path baseDir, AnsiNistReader reader,
                                  boolean dpiGiven, boolean requireNik) throws ManifestException {
        if (ansiNist.isBlank()) {
            throw new ManifestException("\"ansiNist\" is an empty path");
        }
        AnsiNistTransaction t;
        try {
            t = reader.read(baseDir.resolve(ansiNist).normalize());
        } catch (InvalidPathException e) {
            throw new ManifestException("\"ansiNist\" is not a usable path: " + e.getReason());
        } catch (InvalidInputException e) {
            throw new ManifestException(e.getMessage());
        }
        String nik = agree("nik", line.nik(), t.nik(), t);
        if (nik == null && requireNik) {
            throw new ManifestException("missing field \"nik\" (and " + t.source() + " carries none in Type-2)");
        }
        EnrollmentRecord.Builder b = EnrollmentRecord.builder(nik)
                .name(agree("name", line.name(), t.name(), t))
                .birthDate(agree("birthDate", line.birthDate(), t.birthDate(), t))
                .sex(agree("sex", line.sex(), t.sex(), t))
                .region(agree("region", line.region(), t.region(), t))
                .dpi(dpiGiven ? line.dpi() : t.dpi());
        t.fingers().forEach(b::finger);
        t.irises().forEach(b::iris);
        for (var e : line.fingers().entrySet()) {
            if (t.fingers().containsKey(e.getKey())) {
                throw new ManifestException("fingers: " + e.getKey() + " is given by the line and by " + t.source());
            }
            b.finger(e.getKey(), e.getValue());
        }
        for (var e : line.irises().entrySet()) {
            if (t.irises().containsKey(e.getKey())) {
                throw new ManifestException("irises: " + e.getKey() + " is given by the line and by " + t.source());
            }
            b.iris(e.getKey(), e.getValue());
        }
        return b.build();
    }

    private static <T> T agree(String field, T line, T transaction, AnsiNistTransaction t) throws ManifestException {
        if (line != null && transaction != null && !Objects.equals(line, transaction)) {
            throw new ManifestException("\"" + field + "\" is " + line + " in the line but " + transaction + " in "
                    + t.source() + "'s Type-2 record");
        }
        return line != null ? line : transaction;
    }
}
