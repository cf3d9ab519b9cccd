package id.satunik.index;

import id.satunik.DedupDecision;
import id.satunik.EnrollmentRecord;
import id.satunik.Nik;
import java.util.List;

/**
 * A record after validation and extraction: either ready for the serial decide-and-enroll step, or refused with
 * the decision that says why. The expensive part (decoding, extraction, probe tables) is done before, outside the
 * enrollment lock.
 */
sealed interface PreparedRecord permits PreparedRecord.Ready, PreparedRecord.Refused {

    /**
     * @param nik     null for a search probe without a NIK
     * @param dropped samples left out as unusable, each with its reason (the record went on without them)
     */
    record Ready(EnrollmentRecord record, Nik nik, SearchProbe probe, List<String> dropped) implements PreparedRecord {
        public Ready {
            dropped = List.copyOf(dropped);
        }
    }

    record Refused(DedupDecision.Rejected decision) implements PreparedRecord {
    }
}
