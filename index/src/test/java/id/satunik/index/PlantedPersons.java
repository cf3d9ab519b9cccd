package id.satunik.index;

import id.satunik.Candidate;
import id.satunik.DedupDecision;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.testing.SharedData;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Real ten-finger persons made of the shared FVC 'B' sets, planted among synthetic ones by the large-scale checks.
 * Person {@code set} carries finger 101 + (f + set) mod 10 of that set at position f (the shift keeps FVC2000 DB1
 * and DB2, the same fingers on two sensors, from being one person) and, when asked, both eyes of one
 * CASIA-Iris-Interval subject. Prints the engine refuses (FVC2000 DB3 has eye-like ones) are left out, as an
 * operator would.
 */
final class PlantedPersons {
    static final String[] SETS = {"fvc2000-db1b", "fvc2000-db2b", "fvc2000-db3b", "fvc2000-db4b",
        "fvc2002-db1b", "fvc2002-db2b", "fvc2002-db3b", "fvc2002-db4b"};
    /** CASIA-Iris-Interval subjects with at least eight images of each eye. */
    private static final int[] EYES = {1, 2, 7, 8, 19, 28, 29, 30};
    static final int IMPRESSIONS = 8;

    private PlantedPersons() {
    }

    /** NIKs outside {@link SyntheticGallery}'s. */
    static String nik(int serial) {
        return String.format(Locale.ROOT, "350701010190%04d", 9000 + serial);
    }

    static EnrollmentRecord record(String nik, int set, int impression, boolean irises, Set<FingerPosition> leftOut) {
        EnrollmentRecord.Builder builder = EnrollmentRecord.builder(nik);
        FingerPosition[] positions = FingerPosition.values();
        for (int f = 0; f < positions.length; f++) {
            if (!leftOut.contains(positions[f])) {
                builder.finger(positions[f], ImageSource.of(SharedData.fvc(SETS[set], 101 + (f + set) % 10,
                        impression)));
            }
        }
        if (irises) {
            for (EyePosition eye : EyePosition.values()) {
                builder.iris(eye, ImageSource.of(SharedData.root().resolve(String.format(Locale.ROOT,
                        "iris/casia-iris-interval/S1%03d%s%02d.jpg", EYES[set], eye == EyePosition.LEFT ? "L" : "R",
                        impression))));
            }
        }
        return builder.build();
    }

    /** The best score of {@code nik} among the candidates, 0 when it is not among them. */
    static double score(List<Candidate> candidates, String nik) {
        return candidates.stream().filter(c -> c.nik().value().equals(nik)).mapToDouble(Candidate::score).max()
                .orElse(0);
    }

    /** The finger a refusal names ("LEFT_RING image …: not a fingerprint …"), or null. */
    static FingerPosition refused(String reason) {
        for (FingerPosition position : FingerPosition.values()) {
            if (reason.startsWith(position.name() + " image")) {
                return position;
            }
        }
        return null;
    }

    /** Dedups or enrolls the person through {@code add}, leaving out the prints the engine refuses. */
    static DedupDecision add(Function<EnrollmentRecord, DedupDecision> add, String nik, int set, int impression,
                             boolean irises) {
        Set<FingerPosition> leftOut = EnumSet.noneOf(FingerPosition.class);
        while (true) {
            DedupDecision decision = add.apply(record(nik, set, impression, irises, leftOut));
            FingerPosition refused = decision instanceof DedupDecision.Rejected r ? refused(r.reason()) : null;
            if (refused == null) {
                return decision;
            }
            leftOut.add(refused);
        }
    }

    /**
     * Runs {@code search} on the person's record, adding to {@code leftOut} each print the engine refuses;
     * null when nothing usable is left.
     */
    static <T> T search(Function<EnrollmentRecord, T> search, String nik, int set, int impression, boolean irises,
                        Set<FingerPosition> leftOut) {
        while (leftOut.size() < FingerPosition.values().length) {
            try {
                return search.apply(record(nik, set, impression, irises, leftOut));
            } catch (InvalidInputException e) {
                FingerPosition refused = refused(e.getMessage());
                if (refused == null) {
                    return null;
                }
                leftOut.add(refused);
            }
        }
        return null;
    }
}
