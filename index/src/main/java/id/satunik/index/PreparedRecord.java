package id.satunik.index;

import id.satunik.EnrollmentRecord;
import id.satunik.Nik;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.IrisTemplate;
import id.satunik.matcher.PersonProbe;
import java.util.List;

/**
 * A record after validation and extraction: what the serial decide-and-enroll step needs. The expensive part
 * (image decoding, template extraction, probe indexing, iris probe rotations) is done here, outside the
 * enrollment lock.
 *
 * @param irises    the usable eyes (may be empty)
 * @param irisProbe the eyes prepared for the 1:N scan
 * @param dropped   samples left out as unusable, each with its reason (the record went on without them)
 */
record PreparedRecord(EnrollmentRecord record, Nik nik, List<FingerTemplate> fingers, PersonProbe probe,
                      List<IrisTemplate> irises, IrisProbe irisProbe, List<String> dropped) {
}
