package id.satunik.evaluation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One biometric image of the evaluation set and whose it is.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param dataset    label of the input the image came from
 * @param identity   the finger (or eye) the image shows
 * @param impression which capture of that identity, 1-based; impressions of one identity are genuine pairs
 * @param file       the image file
 * @param dpi        resolution of the image
 */
record Sample(String dataset, Identity identity, int impression, Path file, int dpi) {
    Sample {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(file, "file");
    }

    /** The same image, its subject now read as an id shared by the datasets of {@code group}. */
    Sample inGroup(String group) {
        return new Sample(dataset, new Identity(group, identity.subject()), impression, file, dpi);
    }

    /**
     * A finger or eye: the subject id within its group of datasets. FVC ids restart at 101 in every database, so
     * the group — the dataset's own label unless datasets were declared to share subjects — is part of the
     * identity.
     */
    record Identity(String group, String subject) {
        Identity {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(subject, "subject");
        }

        @Override
        public String toString() {
            return group + "/" + subject;
        }
    }
}
