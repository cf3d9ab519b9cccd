package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.EyePosition;
import id.satunik.matcher.IrisCode;
import id.satunik.matcher.IrisTemplate;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapped iris store: layout, persistence across reopen, growth over chunks, consistent prefix under appends. */
class IrisCodeFileTest {
    @TempDir
    Path dir;

    @Test
    void eyesSurviveReopenBitForBit() {
        Path path = dir.resolve("right.codes");
        SyntheticIrisGallery gallery = new SyntheticIrisGallery(3);
        int n = IrisCodeFile.CHUNK_RECORDS + 1000; // spans two mapped chunks
        try (IrisCodeFile file = IrisCodeFile.open(path, EyePosition.RIGHT)) {
            gallery.fill(file, n);
            assertEquals(n, file.size());
        }
        try (IrisCodeFile file = IrisCodeFile.open(path, EyePosition.RIGHT)) {
            assertEquals(n, file.size());
            for (int slot : new int[] {0, 1, IrisCodeFile.CHUNK_RECORDS - 1, IrisCodeFile.CHUNK_RECORDS, n - 1}) {
                IrisTemplate expected = gallery.eye(slot, EyePosition.RIGHT);
                IrisTemplate stored = file.templateAt(slot);
                assertArrayEquals(expected.code(), stored.code(), "slot " + slot);
                assertArrayEquals(expected.mask(), stored.mask(), "slot " + slot);
                assertEquals(SyntheticIrisGallery.nikOf(slot), file.nikAt(slot));
                assertEquals(EyePosition.RIGHT, file.eyeAt(slot));
            }
            // appends continue after the reopened prefix
            assertEquals(n, file.append(42L, gallery.eye(7, EyePosition.RIGHT)));
        }
        try (IrisCodeFile file = IrisCodeFile.open(path, EyePosition.RIGHT)) {
            assertEquals(n + 1, file.size());
            assertEquals(42L, file.nikAt(n));
        }
    }

    @Test
    void recordsAfterTheCommittedCountAreIgnoredOnReopen() throws IOException {
        Path path = dir.resolve("right.codes");
        SyntheticIrisGallery gallery = new SyntheticIrisGallery(4);
        try (IrisCodeFile file = IrisCodeFile.open(path, EyePosition.RIGHT)) {
            gallery.fill(file, 10);
        }
        // a torn append: record 10's bytes written, the count never published
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ByteBuffer garbage = ByteBuffer.allocate(IrisCodeFile.RECORD_BYTES);
            garbage.put(0, new byte[] {1, 2, 3});
            channel.write(garbage, IrisCodeFile.HEADER_BYTES + 10L * IrisCodeFile.RECORD_BYTES);
        }
        try (IrisCodeFile file = IrisCodeFile.open(path, EyePosition.RIGHT)) {
            assertEquals(10, file.size());
            assertThrows(IllegalStateException.class, () -> file.templateAt(10));
            assertEquals(10, file.append(99L, gallery.eye(0, EyePosition.RIGHT)));
            assertArrayEquals(gallery.eye(0, EyePosition.RIGHT).code(), file.templateAt(10).code());
        }
    }

    @Test
    void refusesFilesItDidNotWrite() throws IOException {
        Path notAStore = dir.resolve("notes.txt");
        Files.writeString(notAStore, "x".repeat(5000));
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> IrisCodeFile.open(notAStore, EyePosition.RIGHT));
        assertTrue(bad.getMessage().contains("bad magic"), bad.getMessage());
        Path left = dir.resolve("left.codes");
        IrisCodeFile.open(left, EyePosition.LEFT).close();
        IllegalStateException wrongEye = assertThrows(IllegalStateException.class,
                () -> IrisCodeFile.open(left, EyePosition.RIGHT));
        assertTrue(wrongEye.getMessage().contains("not RIGHT"), wrongEye.getMessage());
        try (IrisCodeFile file = IrisCodeFile.open(left, EyePosition.LEFT)) {
            IrisTemplate right = new SyntheticIrisGallery(1).eye(0, EyePosition.RIGHT);
            assertThrows(IllegalArgumentException.class, () -> file.append(1L, right));
        }
    }

    @Test
    void readersSeeAConsistentPrefixWhileAWriterAppends() throws Exception {
        // every record's words are a function of its slot, so a reader can check each one it sees is complete
        int total = 3 * IrisCodeFile.CHUNK_RECORDS / 2;
        try (IrisCodeFile file = IrisCodeFile.open(dir.resolve("right.codes"), EyePosition.RIGHT)) {
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<String> problem = new AtomicReference<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                int checks = 0;
                while (!done.get() || checks == 0) {
                    int size = file.size();
                    MemorySegment[] chunks = file.chunks();
                    if (size > 0) {
                        // the newest record and a few others: all words must carry their slot's pattern
                        for (int slot : new int[] {size - 1, size / 2, 0}) {
                            String bad = check(chunks[slot / IrisCodeFile.CHUNK_RECORDS], slot);
                            if (bad != null) {
                                problem.compareAndSet(null, bad);
                            }
                        }
                    }
                    checks++;
                }
            });
            for (int slot = 0; slot < total; slot++) {
                file.append(pattern(slot), EyePosition.RIGHT, words(slot, IrisCode.CODE_WORDS),
                        words(slot, IrisCode.MASK_WORDS));
            }
            done.set(true);
            reader.join();
            assertEquals(null, problem.get());
            assertEquals(total, file.size());
        }
    }

    private static long pattern(int slot) {
        return slot * 0x9E3779B97F4A7C15L + 1;
    }

    private static long[] words(int slot, int n) {
        long[] w = new long[n];
        java.util.Arrays.fill(w, pattern(slot));
        return w;
    }

    private static String check(MemorySegment chunk, int slot) {
        long base = IrisCodeFile.offsetOf(slot);
        long expected = pattern(slot);
        for (long offset = 0; offset < IrisCodeFile.META_OFFSET; offset += 8) {
            long v = chunk.get(IrisCodeFile.LONG, base + offset);
            if (v != expected) {
                return "slot " + slot + " offset " + offset + ": " + Long.toHexString(v) + " (record not complete)";
            }
        }
        return null;
    }

    @Test
    void galleryRoutesEyesToTheirFileAndScansBoth() {
        SyntheticIrisGallery synthetic = new SyntheticIrisGallery(9);
        try (IrisGallery gallery = new IrisGallery(dir, 2)) {
            for (int person = 0; person < 500; person++) {
                gallery.append(SyntheticIrisGallery.nikOf(person), synthetic.eye(person, EyePosition.RIGHT));
                gallery.append(SyntheticIrisGallery.nikOf(person), synthetic.eye(person, EyePosition.LEFT));
            }
            assertEquals(500, gallery.size(EyePosition.LEFT));
            IrisProbe probe = new IrisProbe(List.of(
                    SyntheticIrisGallery.recapture(synthetic.eye(123, EyePosition.RIGHT), 1, 0.15, 1),
                    SyntheticIrisGallery.recapture(synthetic.eye(123, EyePosition.LEFT), -2, 0.15, 2)));
            IrisScanner.Result result = gallery.scan(probe, 0.32);
            assertEquals(1000, result.comparisons());
            assertEquals(2, result.hits().size(), result.hits().toString());
            assertTrue(result.hits().stream().allMatch(h -> h.nik() == SyntheticIrisGallery.nikOf(123)));
        }
        try (IrisGallery reopened = new IrisGallery(dir, 1)) {
            assertEquals(500, reopened.size(EyePosition.RIGHT));
            assertEquals(SyntheticIrisGallery.nikOf(321), reopened.nikAt(EyePosition.LEFT, 321));
        }
    }
}
