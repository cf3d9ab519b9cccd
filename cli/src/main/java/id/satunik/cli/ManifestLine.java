package id.satunik.cli;

import id.satunik.DedupDecision;
import id.satunik.EnrollmentRecord;

/** One non-blank manifest line: a record for the engine, or a line that could not be read. Immutable. */
sealed interface ManifestLine {

    /** 1-based line number in the manifest file (blank lines count). */
    int line();

    record Parsed(int line, EnrollmentRecord record) implements ManifestLine {
    }

    /**
     * @param nik    the NIK when the line got far enough to show one, else null
     * @param reason what is wrong, without the line number
     */
    record Malformed(int line, String nik, String reason) implements ManifestLine {
        DedupDecision rejection() {
            return new DedupDecision.Rejected(nik, "line " + line + ": " + reason);
        }
    }
}
