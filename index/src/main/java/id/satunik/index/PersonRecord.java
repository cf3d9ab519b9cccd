package id.satunik.index;

import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.Sex;
import id.satunik.matcher.FingerTemplate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One enrolled person as persisted: demographics and the serialized templates. Immutable.
 *
 * @param birthDate may be null
 * @param sex       may be null
 * @param name      may be null
 * @param region    may be null
 * @param fingers   sorted by position
 */
record PersonRecord(Nik nik, String name, LocalDate birthDate, Sex sex, String region, Instant enrolledAt,
                    List<FingerTemplate> fingers) {
    PersonRecord {
        Objects.requireNonNull(nik);
        Objects.requireNonNull(enrolledAt);
        fingers = fingers.stream().sorted(Comparator.comparing(FingerTemplate::position)).toList();
        if (fingers.stream().map(FingerTemplate::position).distinct().count() != fingers.size()) {
            throw new IllegalArgumentException("two templates for one finger position: " + nik);
        }
    }

    boolean has(FingerPosition position) {
        return fingers.stream().anyMatch(f -> f.position() == position);
    }
}
