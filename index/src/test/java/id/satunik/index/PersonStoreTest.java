package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.Sex;
import id.satunik.matcher.FingerTemplate;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The person format and the Chronicle Map store on a real file. */
class PersonStoreTest {
    private static final Instant WHEN = Instant.parse("2026-11-23T08:00:00Z");

    private static FingerTemplate template(FingerPosition position, int seed) {
        byte[] bytes = new byte[1200 + seed];
        new Random(seed).nextBytes(bytes);
        return new FingerTemplate(position, 40 + seed, bytes);
    }

    private static PersonRecord siti() {
        return new PersonRecord(Nik.parse("3507014101900001"), "Siti Aminah binti Hasan – Ñ 中", LocalDate.of(1990, 1, 1),
                Sex.FEMALE, "Kab. Malang", WHEN,
                List.of(template(FingerPosition.LEFT_LITTLE, 2), template(FingerPosition.RIGHT_THUMB, 1)));
    }

    @Test
    void codecRoundTripsEveryFieldAndSortsFingers() {
        PersonRecord decoded = PersonCodec.decode(PersonCodec.encode(siti()));
        assertEquals(siti().nik(), decoded.nik());
        assertEquals(siti().name(), decoded.name());
        assertEquals(siti().birthDate(), decoded.birthDate());
        assertEquals(Sex.FEMALE, decoded.sex());
        assertEquals("Kab. Malang", decoded.region());
        assertEquals(WHEN, decoded.enrolledAt());
        assertEquals(List.of(FingerPosition.RIGHT_THUMB, FingerPosition.LEFT_LITTLE),
                decoded.fingers().stream().map(FingerTemplate::position).toList());
        assertArrayEquals(template(FingerPosition.LEFT_LITTLE, 2).bytes(), decoded.fingers().get(1).bytes());
        assertEquals(42, decoded.fingers().get(1).minutiae());
    }

    @Test
    void codecKeepsAbsentFieldsAbsentAndRefusesForeignBytes() {
        PersonRecord bare = new PersonRecord(Nik.parse("3507010101900002"), null, null, null, null, WHEN,
                List.of(template(FingerPosition.RIGHT_INDEX, 3)));
        PersonRecord decoded = PersonCodec.decode(PersonCodec.encode(bare));
        assertEquals(null, decoded.name());
        assertEquals(null, decoded.sex());
        assertThrows(IllegalStateException.class, () -> PersonCodec.decode(new byte[] {1, 2, 3, 4}));
    }

    @Test
    void twoTemplatesForOneFingerAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PersonRecord(Nik.parse("3507010101900002"), null, null,
                null, null, WHEN, List.of(template(FingerPosition.RIGHT_INDEX, 3), template(FingerPosition.RIGHT_INDEX, 4))));
    }

    @Test
    void storeKeepsPersonsAcrossReopenAndNeverOverwritesANik(@TempDir Path dir) {
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100)) {
            assertTrue(store.insert(siti()));
            PersonRecord impostor = new PersonRecord(siti().nik(), "Someone Else", null, null, null, WHEN,
                    List.of(template(FingerPosition.RIGHT_THUMB, 9)));
            assertFalse(store.insert(impostor), "a NIK is never overwritten");
            for (int i = 2; i <= 150; i++) { // past the configured capacity of 100: the map grows
                assertTrue(store.insert(new PersonRecord(Nik.fromLong(3507010101900000L + i), null, null, null, null,
                        WHEN, List.of(template(FingerPosition.RIGHT_THUMB, i)))));
            }
        }
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100)) {
            assertEquals(150, store.size());
            assertEquals("Siti Aminah binti Hasan – Ñ 中", store.get(siti().nik()).orElseThrow().name());
            assertTrue(store.contains(Nik.parse("3507010101900150")));
            assertFalse(store.contains(Nik.parse("3507010101900151")));
            List<Nik> seen = new ArrayList<>();
            store.forEach(p -> seen.add(p.nik()));
            assertEquals(150, seen.size());
            assertTrue(store.files().get(ChronicleMapPersonStore.FILE) > 0);
        }
    }
}
