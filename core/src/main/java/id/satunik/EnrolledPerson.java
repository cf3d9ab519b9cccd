package id.satunik;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One enrolled person as the store keeps it, for a person who must look at the evidence (adjudication): the
 * demographics and the biometric templates. The store keeps templates, never images.
 *
 * <p>Immutable (the template arrays are copied in and out); thread-safe.
 *
 * @param name       may be null
 * @param birthDate  may be null
 * @param sex        may be null
 * @param region     may be null
 * @param enrolledAt when the person was enrolled
 * @param fingers    the finger templates by position
 * @param irises     the iris codes by eye
 */
public record EnrolledPerson(Nik nik, String name, LocalDate birthDate, Sex sex, String region, Instant enrolledAt,
                             Map<FingerPosition, StoredFinger> fingers, Map<EyePosition, StoredIris> irises) {
    public EnrolledPerson {
        Objects.requireNonNull(nik, "nik");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        fingers = fingers == null || fingers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fingers));
        irises = irises == null || irises.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(irises));
    }

    /**
     * One finger's template as stored.
     *
     * @param minutiae how many minutiae the extractor found
     * @param template SourceAFIS 3.x's serialized template (CBOR: minutia positions at 500 dpi, directions, types)
     */
    public record StoredFinger(int minutiae, byte[] template) {
        public StoredFinger {
            template = template.clone();
        }

        @Override
        public byte[] template() {
            return template.clone();
        }
    }

    /**
     * One eye's iris code as stored (layout: the matcher's {@code IrisCode}: 8 rows x 128 columns of two phase bits,
     * real plane then imaginary plane; one mask bit per coefficient).
     *
     * @param code 32 longs of phase bits
     * @param mask 16 longs, a set bit for every usable coefficient
     */
    public record StoredIris(long[] code, long[] mask) {
        public StoredIris {
            code = code.clone();
            mask = mask.clone();
        }

        @Override
        public long[] code() {
            return code.clone();
        }

        @Override
        public long[] mask() {
            return mask.clone();
        }
    }
}
