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
            assertTrue(store.insert(siti(), 1));
            PersonRecord impostor = new PersonRecord(siti().nik(), "Someone Else", null, null, null, WHEN,
                    List.of(template(FingerPosition.RIGHT_THUMB, 9)));
            assertFalse(store.insert(impostor, 2), "a NIK is never overwritten");
            for (int i = 2; i <= 150; i++) { // past the configured capacity of 100: the map grows
                assertTrue(store.insert(new PersonRecord(Nik.fromLong(3507010101900000L + i), null, null, null, null,
                        WHEN, List.of(template(FingerPosition.RIGHT_THUMB, i))), i + 1));
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

    @Test
    void deleteLeavesACountedTombstoneAndTheNikCanBeEnrolledAgain(@TempDir Path dir) {
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100)) {
            store.insert(siti(), 1);
            assertEquals(siti().nik(), store.delete(siti().nik(), WHEN, 2).orElseThrow().nik());
            assertTrue(store.delete(siti().nik(), WHEN, 3).isEmpty(), "a deleted person is deleted once");
            assertFalse(store.contains(siti().nik()));
            assertTrue(store.get(siti().nik()).isEmpty());
            assertEquals(0, store.size());
            assertEquals(1, store.deleted());
            assertEquals(2, store.version(siti().nik()));
        }
        try (ChronicleMapPersonStore store = ChronicleMapPersonStore.open(dir, 100)) {
            assertEquals(0, store.size());
            assertEquals(1, store.deleted(), "tombstones counted again on reopen");
            List<Nik> seen = new ArrayList<>();
            store.forEach(p -> seen.add(p.nik()));
            assertTrue(seen.isEmpty(), "forEach never returns a deleted person");
            assertTrue(store.insert(siti(), 4), "a deleted NIK may be enrolled anew");
            assertEquals(1, store.size());
            assertEquals(0, store.deleted());
            store.delete(siti().nik(), WHEN, 5);
            assertEquals(1, store.removeTombstones());
            assertEquals(0, store.deleted());
            assertEquals(0, store.version(siti().nik()));
        }
    }

    @Test
    void encryptedValuesHoldNoTemplateInTheClearAndOpenOnlyWithTheKey(@TempDir Path dir) throws Exception {
        id.satunik.StoreKey key = id.satunik.StoreKey.of(new byte[32]);
        TemplateCipher cipher = TemplateCipher.forStore(dir, key, true);
        byte[] template = siti().fingers().getFirst().bytes();
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100, cipher)) {
            store.insert(siti(), 1);
            assertEquals(siti().name(), store.get(siti().nik()).orElseThrow().name());
        }
        byte[] file = java.nio.file.Files.readAllBytes(dir.resolve(ChronicleMapPersonStore.FILE));
        byte[] probe = java.util.Arrays.copyOf(template, Math.min(16, template.length));
        assertFalse(indexOf(file, probe) >= 0, "template bytes must not appear in the clear");
        assertFalse(indexOf(file, "Siti".getBytes(java.nio.charset.StandardCharsets.UTF_8)) >= 0);
        IllegalStateException noKey = assertThrows(IllegalStateException.class,
                () -> TemplateCipher.forStore(dir, null, false));
        assertTrue(noKey.getMessage().contains("encrypted at rest"), noKey.getMessage());
        byte[] other = new byte[32];
        other[0] = 1;
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> TemplateCipher.forStore(dir, id.satunik.StoreKey.of(other), false));
        assertTrue(wrong.getMessage().contains("does not open"), wrong.getMessage());
        try (PersonStore store = ChronicleMapPersonStore.open(dir, 100, TemplateCipher.forStore(dir, key, false))) {
            assertEquals(siti().fingers().getFirst().bytes().length,
                    store.get(siti().nik()).orElseThrow().fingers().getFirst().bytes().length);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
