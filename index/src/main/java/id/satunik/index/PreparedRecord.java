package id.satunik.index;

import id.satunik.EnrollmentRecord;
import id.satunik.Nik;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.PersonProbe;
import java.util.List;

/**
 * A record after validation and extraction: what the serial decide-and-enroll step needs. The expensive part
 * (image decoding, template extraction, probe indexing) is done here, outside the enrollment lock.
 *
 * @param dropped samples left out as unusable, each with its reason (the record went on without them)
 */
record PreparedRecord(EnrollmentRecord record, Nik nik, List<FingerTemplate> fingers, PersonProbe probe,
                      List<String> dropped) {
}
