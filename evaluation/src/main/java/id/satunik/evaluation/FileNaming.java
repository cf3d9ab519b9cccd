package id.satunik.evaluation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public databases' file-name conventions that say whose an image is, so their folders need no CSV mapping.
 * A folder uses one convention throughout; the first image's name picks it.
 *
 * <p>Immutable; thread-safe.
 */
enum FileNaming {
    /** FVC: {@code 101_3.tif} = finger 101, impression 3 (leading zeros dropped). */
    FVC("FVC file names FFF_I.ext", Pattern.compile("(\\d+)_(\\d+)\\.[A-Za-z0-9]+")) {
        @Override
        Named read(Matcher m) {
            return new Named(stripLeadingZeros(m.group(1)), m.group(2));
        }
    },
    /**
     * CASIA-Iris-Interval (CASIA-IrisV4): {@code S1SSSENN.jpg} = subject SSS, eye E (L or R), image NN. The
     * identity is the eye, {@code SSSE} (e.g. {@code 001L}): the two eyes of a person are different irises.
     */
    CASIA_IRIS_INTERVAL("CASIA-Iris-Interval file names S1SSSENN.ext (eye SSSE, impression NN)",
            Pattern.compile("S1(\\d{3})([LR])(\\d{2})\\.[A-Za-z0-9]+")) {
        @Override
        Named read(Matcher m) {
            return new Named(m.group(1) + m.group(2), m.group(3));
        }
    },
    /**
     * CASIA-IrisV1: {@code EEE_S_I.jpg} = eye EEE, session S, image I within the session; impression
     * {@code 10·S + I} keeps the sessions apart (21 = session 2, image 1).
     */
    CASIA_IRIS_V1("CASIA-IrisV1 file names EEE_S_I.ext (eye EEE, impression 10·S+I)",
            Pattern.compile("(\\d+)_(\\d)_(\\d)\\.[A-Za-z0-9]+")) {
        @Override
        Named read(Matcher m) {
            return new Named(stripLeadingZeros(m.group(1)),
                    Integer.toString(10 * Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3))));
        }
    };

    /** Whose an image is, as its name says; the impression still to be checked as a positive number. */
    record Named(String subject, String impression) {
    }

    private final String description;
    private final Pattern pattern;

    FileNaming(String description, Pattern pattern) {
        this.description = description;
        this.pattern = pattern;
    }

    String description() {
        return description;
    }

    abstract Named read(Matcher m);

    /** The subject and impression of a file named this way, or empty when the name does not follow it. */
    Optional<Named> parse(String fileName) {
        Matcher m = pattern.matcher(fileName);
        return m.matches() ? Optional.of(read(m)) : Optional.empty();
    }

    /** The convention the name follows, if any. */
    static Optional<FileNaming> of(String fileName) {
        for (FileNaming naming : values()) {
            if (naming.pattern.matcher(fileName).matches()) {
                return Optional.of(naming);
            }
        }
        return Optional.empty();
    }

    private static String stripLeadingZeros(String digits) {
        return digits.replaceFirst("^0+(?=\\d)", "");
    }
}
