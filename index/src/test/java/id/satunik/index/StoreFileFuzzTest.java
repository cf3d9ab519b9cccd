package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.Nik;
import id.satunik.Sex;
import id.satunik.matcher.FingerMinutiae;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.IrisCode;
import id.satunik.testing.Mutator;
import id.satunik.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of store files (issue 9): a damaged person record, store identity or iris code file is
 * read back exactly as written or refused with {@link IllegalStateException} / {@link UncheckedIOException}
 * naming the problem: never another exception, never a silently different value. Normal build: 3,000 person
 * records, 300 identities, 300 iris files; ten times as many under -Plarge.
 */
class StoreFileFuzzTest {
    @TempDir
    Path dir;

    @Test
    void damagedPersonRecordsAreRefusedNeverMisread() {
        FingerTemplate thumb = new FingerprintExtractor().extract(FingerPosition.RIGHT_THUMB,
                ImageSource.of(SharedData.fvc("fvc2002-db1b", 101, 1)), 500);
        PersonRecord person = new PersonRecord(Nik.parse("3507014101900001"), "Siti Aminah", LocalDate.of(1990, 1, 1),
                Sex.FEMALE, "Kab. Malang", Instant.ofEpochMilli(1_700_000_000_000L), List.of(thumb),
                Map.of(EyePosition.LEFT, 7), 3);
        byte[] good = PersonCodec.encode(person);
        Mutator mutator = new Mutator(12);
        int count = Mutator.count(3_000, 30_000);
        int refused = 0;
        for (int i = 0; i < count; i++) {
            byte[] damaged = mutator.mutate(good, 64);
            try {
                PersonRecord read = PersonCodec.decode(damaged);
                assertArrayEquals(good, damaged, "a damaged record was read as valid: " + read);
            } catch (IllegalStateException | UncheckedIOException e) {
                refused++;
            }
        }
        assertTrue(refused > count * 9 / 10, refused + " of " + count + " refused");
    }

    /**
     * Found by the -Plarge run (30,000 mutations): a version byte damaged from 4 to 3 skips the checksum, and a sex
     * byte of 127 then threw ArrayIndexOutOfBoundsException; with a valid sex the record was read and its checksum
     * left over. Both are refused now.
     */
    @Test
    void aRecordWhoseVersionByteFellTo3IsRefused() {
        FingerTemplate thumb = new FingerprintExtractor().extract(FingerPosition.RIGHT_THUMB,
                ImageSource.of(SharedData.fvc("fvc2002-db1b", 101, 1)), 500);
        byte[] good = PersonCodec.encode(new PersonRecord(Nik.parse("3507014101900001"), "Siti Aminah",
                LocalDate.of(1990, 1, 1), Sex.FEMALE, "Kab. Malang", Instant.ofEpochMilli(1_700_000_000_000L),
                List.of(thumb), Map.of(EyePosition.LEFT, 7), 3));
        byte[] downgraded = good.clone();
        downgraded[2] = 3; // magic 2 bytes, then the version
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PersonCodec.decode(downgraded)).getMessage().contains("bytes after its last field"));
        // magic, version, NIK, enrolled-at, flags, name ("Siti Aminah": length and 11 bytes), birth date: then sex
        int sexAt = 2 + 1 + 8 + 8 + 1 + 2 + 11 + 4;
        assertEquals(Sex.FEMALE.ordinal(), good[sexAt]);
        downgraded[sexAt] = 127;
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PersonCodec.decode(downgraded)).getMessage().contains("sex code 127"));
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void damagedIdentitiesAndIrisFilesAreRefusedNeverMisread() throws IOException {
        // a store with persons.cmap present, so an invalid identity cannot pass for a new store
        Path store = Files.createDirectories(dir.resolve("store"));
        UUID id;
        try (StoreIdentity identity = StoreIdentity.open(store)) {
            identity.markReady(); // as the engine does once the store's files exist
            id = identity.id();
        }
        Files.write(store.resolve(ChronicleMapPersonStore.FILE), new byte[] {1});
        byte[] goodId = Files.readAllBytes(store.resolve(StoreIdentity.FILE));

        Path iris = dir.resolve("iris-right.codes");
        Random random = new Random(5);
        try (IrisCodeFile file = IrisCodeFile.open(iris, EyePosition.RIGHT, id)) {
            for (int i = 0; i < 3; i++) {
                long[] code = random.longs(IrisCode.CODE_WORDS).toArray();
                long[] mask = random.longs(IrisCode.MASK_WORDS).toArray();
                file.append(3507014101900001L + i, EyePosition.RIGHT, code, mask);
            }
        }
        // the header and the three records, without the sparse rest of the mapped chunk
        byte[] goodIris;
        try (FileChannel channel = FileChannel.open(iris, StandardOpenOption.READ)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(IrisCodeFile.HEADER_BYTES + 3 * IrisCodeFile.RECORD_BYTES);
            channel.read(buffer, 0);
            goodIris = buffer.array();
        }

        Mutator mutator = new Mutator(77);
        int count = Mutator.count(300, 3_000);
        int refusedIds = 0;
        int refusedIris = 0;
        Path damagedIris = dir.resolve("damaged.codes");
        for (int i = 0; i < count; i++) {
            byte[] damaged = mutator.mutate(goodId, 44);
            Files.write(store.resolve(StoreIdentity.FILE), damaged);
            try (StoreIdentity identity = StoreIdentity.open(store)) {
                assertEquals(id, identity.id(), "a damaged identity was read as another store");
            } catch (IllegalStateException | UncheckedIOException e) {
                refusedIds++;
            }

            // iris: mutations in the header's first 160 bytes half the time, else anywhere in header and records
            byte[] codes = goodIris.clone();
            byte[] region = mutator.mutate(java.util.Arrays.copyOf(codes, codes.length), 160);
            Files.write(damagedIris, region);
            try (IrisCodeFile file = IrisCodeFile.open(damagedIris, EyePosition.RIGHT, id)) {
                file.verifyRecords();
                for (int slot = 0; slot < file.size(); slot++) {
                    file.templateAt(slot);
                    file.nikAt(slot);
                }
            } catch (IllegalStateException | UncheckedIOException e) {
                refusedIris++;
            }
        }
        assertTrue(refusedIds > count / 2, refusedIds + " of " + count + " identities refused");
        assertTrue(refusedIris > 0, refusedIris + " of " + count + " iris files refused");
    }

    /**
     * The finger index files (issue 9 follow-up): a mutated persons file or edge file of a three-person index is
     * refused naming it, or read back with every committed person's NIK and fingers exactly as written: never
     * another exception, never a different person. Normal build: 300 of each; ten times as many under -Plarge.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void damagedFingerIndexFilesAreRefusedNeverMisread() throws IOException {
        java.util.UUID id = java.util.UUID.randomUUID();
        Path good = Files.createDirectories(dir.resolve("good"));
        Random random = new Random(11);
        long[] niks = {3507014101900001L, 3507014101900002L, 3507014101900003L};
        try (FingerIndex index = FingerIndex.open(good, id, true)) {
            for (long nik : niks) {
                int n = 30 + random.nextInt(20);
                int[] x = random.ints(n, 0, 400).toArray();
                int[] y = random.ints(n, 0, 400).toArray();
                float[] d = new float[n];
                for (int k = 0; k < n; k++) {
                    d[k] = (float) (random.nextDouble() * 2 * Math.PI);
                }
                index.append(Nik.fromLong(nik), Map.of(FingerPosition.RIGHT_THUMB,
                        FingerMinutiae.of(x, y, d, "E".repeat(n))));
            }
        }
        String edges = FingerIndex.fileOf(good, FingerPosition.RIGHT_THUMB).getFileName().toString();
        byte[] goodPersons = prefix(good.resolve(FingerIndex.PERSONS_FILE),
                FingerIndexLayout.HEADER_BYTES + 3 * FingerIndexLayout.PERSON_RECORD_BYTES);
        byte[] goodEdges = prefix(good.resolve(edges), FingerIndexLayout.HEADER_BYTES + 3 * FingerIndexLayout.EDGE_RECORD_BYTES);

        Mutator mutator = new Mutator(91);
        int count = Mutator.count(300, 3_000);
        int refused = 0;
        for (int i = 0; i < 2 * count; i++) {
            Path store = Files.createDirectories(dir.resolve("f" + i));
            boolean personsFile = i % 2 == 0;
            Files.write(store.resolve(FingerIndex.PERSONS_FILE), personsFile ? mutator.mutate(goodPersons, 160) : goodPersons);
            Files.write(store.resolve(edges), personsFile ? goodEdges : mutator.mutate(goodEdges, 160));
            try (FingerIndex index = FingerIndex.open(store, id, false)) {
                index.verifyRecords();
                assertTrue(index.size() <= 3, "more persons than written: " + index.size());
                for (long ordinal = 0; ordinal < index.size(); ordinal++) {
                    assertEquals(niks[(int) ordinal], index.nikAt(ordinal), "person " + ordinal + " misread");
                    assertEquals(List.of(FingerPosition.RIGHT_THUMB), index.positionsAt(ordinal));
                }
            } catch (IllegalStateException | UncheckedIOException e) {
                assertTrue(e.getMessage().contains(store.toString()), "the message names the file: " + e.getMessage());
                refused++;
            }
            try (var files = Files.list(store)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(store);
        }
        assertTrue(refused > count, refused + " of " + 2 * count + " finger index files refused");
    }

    private static byte[] prefix(Path file, int bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(bytes);
            channel.read(buffer, 0);
            return buffer.array();
        }
    }
}
