package id.satunik.index;

import id.satunik.EnrollmentRecord;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.testing.SharedData;
import java.util.Locale;

/** Test records built from the shared FVC images. */
final class Records {
    private Records() {
    }

    /** A valid NIK (Kab. Malang, Jawa Timur; a man born 1 Jan 1990) with the given serial. */
    static String nik(int serial) {
        return String.format(Locale.ROOT, "350701010190%04d", serial);
    }

    /** One-finger person: finger {@code finger} of an FVC database, one impression, as RIGHT_THUMB. */
    static EnrollmentRecord single(String nik, String db, int finger, int impression) {
        return EnrollmentRecord.builder(nik)
                .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc(db, finger, impression)))
                .build();
    }

    /**
     * A chimeric three-finger person {@code p} (0-9): FVC2002 DB1 finger 101+p as right thumb, FVC2002 DB2 as
     * right index, FVC2000 DB1 as left thumb: different real fingers standing for one person, the way
     * multi-finger systems are tested without multi-finger data.
     */
    static EnrollmentRecord chimeric(String nik, int p, int impression) {
        return EnrollmentRecord.builder(nik)
                .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(SharedData.fvc("fvc2002-db1b", 101 + p, impression)))
                .finger(FingerPosition.RIGHT_INDEX, ImageSource.of(SharedData.fvc("fvc2002-db2b", 101 + p, impression)))
                .finger(FingerPosition.LEFT_THUMB, ImageSource.of(SharedData.fvc("fvc2000-db1b", 101 + p, impression)))
                .build();
    }
}
