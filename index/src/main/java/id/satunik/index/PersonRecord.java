package id.satunik.index;

import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.Sex;
import id.satunik.matcher.FingerTemplate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One enrolled person as persisted: demographics, the serialized finger templates, and where the iris codes
 * are (their slots in the {@link IrisCodeFile} of each eye: the codes themselves live only there). Immutable.
 *
 * @param birthDate may be null
 * @param sex       may be null
 * @param name      may be null
 * @param region    may be null
 * @param fingers   sorted by position
 * @param irisSlots slot of each enrolled eye in the iris file of its position (empty: no iris enrolled)
 * @param fingerOrdinal the person's ordinal in the {@link FingerIndex}, -1 when it has no finger there
 */
record PersonRecord(Nik nik, String name, LocalDate birthDate, Sex sex, String region, Instant enrolledAt,
                    List<FingerTemplate> fingers, Map<EyePosition, Integer> irisSlots, long fingerOrdinal) {
    PersonRecord {
        Objects.requireNonNull(nik);
        Objects.requireNonNull(enrolledAt);
        irisSlots = irisSlots == null || irisSlots.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(irisSlots));
        fingers = fingers.stream().sorted(Comparator.comparing(FingerTemplate::position)).toList();
        if (fingers.stream().map(FingerTemplate::position).distinct().count() != fingers.size()) {
            throw new IllegalArgumentException("two templates for one finger position: " + nik);
        }
    }

    /** A person enrolled on fingers only. */
    PersonRecord(Nik nik, String name, LocalDate birthDate, Sex sex, String region, Instant enrolledAt,
                 List<FingerTemplate> fingers) {
        this(nik, name, birthDate, sex, region, enrolledAt, fingers, Map.of(), -1);
    }

    boolean has(FingerPosition position) {
        return fingers.stream().anyMatch(f -> f.position() == position);
    }
}
