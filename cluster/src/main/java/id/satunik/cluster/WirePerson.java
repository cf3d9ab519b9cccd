package id.satunik.cluster;

import id.satunik.EnrolledPerson;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.Sex;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link EnrolledPerson} as it travels from the member that holds it to the coordinator: demographics, the
 * stored finger templates and iris codes exactly as the shard keeps them. Immutable by convention (the arrays are
 * not copied on the way).
 */
record WirePerson(String nik, String name, LocalDate birthDate, Sex sex, String region, Instant enrolledAt,
                  List<Finger> fingers, List<Eye> eyes) implements Serializable {

    record Finger(FingerPosition position, int minutiae, byte[] template) implements Serializable {
    }

    record Eye(EyePosition position, long[] code, long[] mask) implements Serializable {
    }

    static WirePerson of(EnrolledPerson p) {
        return new WirePerson(p.nik().value(), p.name(), p.birthDate(), p.sex(), p.region(), p.enrolledAt(),
                p.fingers().entrySet().stream().map(f -> new Finger(f.getKey(), f.getValue().minutiae(),
                        f.getValue().template())).toList(),
                p.irises().entrySet().stream().map(e -> new Eye(e.getKey(), e.getValue().code(),
                        e.getValue().mask())).toList());
    }

    EnrolledPerson person() {
        Map<FingerPosition, EnrolledPerson.StoredFinger> f = new EnumMap<>(FingerPosition.class);
        fingers.forEach(x -> f.put(x.position(), new EnrolledPerson.StoredFinger(x.minutiae(), x.template())));
        Map<EyePosition, EnrolledPerson.StoredIris> e = new EnumMap<>(EyePosition.class);
        eyes.forEach(x -> e.put(x.position(), new EnrolledPerson.StoredIris(x.code(), x.mask())));
        return new EnrolledPerson(Nik.parse(nik), name, birthDate, sex, region, enrolledAt, f, e);
    }
}
