package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.FingerMinutiae;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact finger index and its pre-selection over galleries that span several scan blocks and mapped
 * chunks, with real geometry: minutiae spread over a finger-sized area, mates made by turning, shifting and
 * jittering a gallery finger and losing and adding minutiae, as a second impression does.
 */
class FingerIndexTest {
    /** More than three scan blocks and more than one 64K-record mapped chunk of the persons file. */
    private static final int PERSONS = 3 * FingerPreselection.BLOCK + 517;
    private static final FingerPosition THUMB = FingerPosition.RIGHT_THUMB;
    private static final FingerPosition INDEX = FingerPosition.RIGHT_INDEX;

    @TempDir
    Path dir;

    static FingerMinutiae randomFinger(SplittableRandom random) {
        int n = 25 + random.nextInt(30);
        int[] x = new int[n];
        int[] y = new int[n];
        float[] d = new float[n];
        StringBuilder types = new StringBuilder();
        double flow = random.nextDouble(Math.PI);
        for (int i = 0; i < n; i++) {
            x[i] = 40 + random.nextInt(300);
            y[i] = 40 + random.nextInt(360);
            // ridge flow: directions follow a smooth field plus a half turn for some, as in real prints
            double local = flow + 0.004 * (x[i] - 190) + 0.003 * (y[i] - 220) + random.nextGaussian() * 0.15;
            d[i] = (float) EdgeShapes.turn(local + (random.nextBoolean() ? Math.PI : 0));
            types.append(random.nextBoolean() ? 'E' : 'B');
        }
        return FingerMinutiae.of(x, y, d, types.toString());
    }

    /** Another impression: turned, shifted, jittered, a few minutiae lost and a few spurious ones. */
    static FingerMinutiae impression(FingerMinutiae m, SplittableRandom random) {
        double turn = Math.toRadians(random.nextDouble(-25, 25));
        double cos = Math.cos(turn);
        double sin = Math.sin(turn);
        int dx = random.nextInt(-30, 30);
        int dy = random.nextInt(-30, 30);
        List<int[]> xy = new ArrayList<>();
        List<Float> dirs = new ArrayList<>();
        for (int i = 0; i < m.count(); i++) {
            if (random.nextDouble() < 0.15) {
                continue;
            }
            double x = m.x(i) - 190;
            double y = m.y(i) - 220;
            xy.add(new int[] {(int) Math.round(190 + x * cos - y * sin + dx + random.nextGaussian() * 3),
                    (int) Math.round(220 + x * sin + y * cos + dy + random.nextGaussian() * 3)});
            dirs.add((float) EdgeShapes.turn(m.direction(i) + turn + random.nextGaussian() * 0.08));
        }
        for (int k = 0; k < 4; k++) {
            xy.add(new int[] {40 + random.nextInt(300), 40 + random.nextInt(360)});
            dirs.add((float) random.nextDouble(2 * Math.PI));
        }
        int[] x = xy.stream().mapToInt(p -> p[0]).toArray();
        int[] y = xy.stream().mapToInt(p -> p[1]).toArray();
        float[] d = new float[dirs.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dirs.get(i);
        }
        return FingerMinutiae.of(x, y, d, "E".repeat(x.length));
    }

    private static Nik nik(int i) {
        // serials 0001-9999 under consecutive birth dates: valid NIKs for any number of test persons
        return Nik.fromLong(3_171_010_101_000_000L + (i / 9999) * 10_000L + i % 9999 + 1);
    }

    private static Map<FingerPosition, FingerMinutiae> person(int i, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        Map<FingerPosition, FingerMinutiae> fingers = new EnumMap<>(FingerPosition.class);
        fingers.put(THUMB, randomFinger(random));
        if (i % 3 != 0) {
            fingers.put(INDEX, randomFinger(random));
        }
        return fingers;
    }

    private FingerIndex fill(long seed) {
        FingerIndex index = FingerIndex.open(dir);
        for (int i = 0; i < PERSONS; i++) {
            assertEquals(i, index.append(nik(i), person(i, seed)));
        }
        return index;
    }

    private static FingerQuery query(Map<FingerPosition, FingerMinutiae> fingers) {
        return new FingerQuery(fingers, true);
    }

    @Test
    void plantedMatesInEveryBlockAreFoundFirstWhateverTheThreads() throws Exception {
        // mates of persons in the first, middle and last blocks and the very last person
        int[] targets = {3, FingerPreselection.BLOCK + 11, 2 * FingerPreselection.BLOCK + 4000, PERSONS - 1};
        try (FingerIndex index = fill(1)) {
            assertEquals(PERSONS, index.size());
            for (int target : targets) {
                SplittableRandom random = new SplittableRandom(target);
                Map<FingerPosition, FingerMinutiae> probe = new EnumMap<>(FingerPosition.class);
                person(target, 1).forEach((position, m) -> probe.put(position, impression(m, random)));
                long[] first = null;
                for (int threads : new int[] {1, 2, 3}) {
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    try {
                        FingerPreselection.Shortlist shortlist = new FingerPreselection(pool, threads)
                                .select(query(probe), index, 20, 2000);
                        assertEquals(target, shortlist.ordinals()[0], "mate of person " + target + ", "
                                + threads + " threads");
                        assertEquals(20, shortlist.size());
                        assertTrue(shortlist.scanned() >= PERSONS, "every person read: " + shortlist.scanned());
                        if (first == null) {
                            first = shortlist.ordinals();
                        } else {
                            assertArrayEquals(first, shortlist.ordinals(), threads + " threads");
                        }
                    } finally {
                        pool.shutdown();
                    }
                }
            }
        }
    }

    @Test
    void aManyFingerProbeStopsMostPersonsAfterItsBestFingersAndStillFindsItsMateWhateverTheThreads() throws Exception {
        FingerPosition[] hand = FingerPosition.values(); // more than the fingers read before the stop
        try (FingerIndex index = FingerIndex.open(dir)) {
            for (int i = 0; i < PERSONS; i++) {
                SplittableRandom random = new SplittableRandom(7_000_003L * i + 5);
                Map<FingerPosition, FingerMinutiae> fingers = new EnumMap<>(FingerPosition.class);
                for (FingerPosition position : hand) {
                    fingers.put(position, randomFinger(random));
                }
                index.append(nik(i), fingers);
            }
            int[] targets = {5, FingerPreselection.BLOCK + 77, PERSONS - 1};
            for (int target : targets) {
                SplittableRandom random = new SplittableRandom(7_000_003L * target + 5);
                Map<FingerPosition, FingerMinutiae> enrolled = new EnumMap<>(FingerPosition.class);
                for (FingerPosition position : hand) {
                    enrolled.put(position, randomFinger(random));
                }
                SplittableRandom noise = new SplittableRandom(target);
                Map<FingerPosition, FingerMinutiae> probe = new EnumMap<>(FingerPosition.class);
                enrolled.forEach((position, m) -> probe.put(position, impression(m, noise)));
                // the little finger is the best sample: read first, the thumb last
                Map<FingerPosition, Double> quality = Map.of(FingerPosition.RIGHT_LITTLE, 90.0,
                        FingerPosition.RIGHT_INDEX, 80.0, FingerPosition.RIGHT_THUMB, 10.0);
                long[] first = null;
                for (int threads : new int[] {1, 2, 3}) {
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    try {
                        FingerPreselection.Shortlist shortlist = new FingerPreselection(pool, threads)
                                .select(new FingerQuery(probe, quality), index, 20, 1000);
                        assertEquals(target, shortlist.ordinals()[0], "mate of person " + target + ", "
                                + threads + " threads");
                        // first stage: 5 fingers a person, 10 for the ~5 % above the sample's 0.95 quantile;
                        // second stage: 10 fingers of the 1,000 it keeps
                        long fullRead = 10L * PERSONS + 10L * 1000;
                        assertTrue(shortlist.scanned() < 0.7 * fullRead, "fingers read " + shortlist.scanned()
                                + " of " + fullRead + " without stopping early");
                        assertTrue(shortlist.scanned() > (long) FingerPreselection.EXIT_AFTER * PERSONS,
                                "fingers read " + shortlist.scanned());
                        // the full vote ranks every survivor of the first stage, in several parallel blocks
                        assertEquals(1000, new FingerPreselection(pool, threads).select(new FingerQuery(probe, quality),
                                index, 1000, 1000).size(), "survivors ranked, " + threads + " threads");
                        if (first == null) {
                            first = shortlist.ordinals();
                        } else {
                            assertArrayEquals(first, shortlist.ordinals(), threads + " threads");
                        }
                    } finally {
                        pool.shutdown();
                    }
                }
            }
        }
    }

    @Test
    void theFirstStageReadsTheBestSamplesFirst() {
        SplittableRandom random = new SplittableRandom(3);
        Map<FingerPosition, FingerMinutiae> probe = new EnumMap<>(FingerPosition.class);
        for (FingerPosition position : FingerPosition.values()) {
            probe.put(position, randomFinger(random));
        }
        Map<FingerPosition, Double> quality = Map.of(FingerPosition.LEFT_RING, 95.0, FingerPosition.RIGHT_THUMB, 60.0,
                FingerPosition.LEFT_THUMB, 60.0, FingerPosition.RIGHT_LITTLE, 99.0);
        int[] order = new FingerQuery(probe, quality).bestFirst();
        // best first, equal scores and unknown ones (0) in position order
        assertEquals(List.of(FingerPosition.RIGHT_LITTLE, FingerPosition.LEFT_RING, FingerPosition.RIGHT_THUMB,
                        FingerPosition.LEFT_THUMB, FingerPosition.RIGHT_INDEX),
                java.util.Arrays.stream(order).limit(5).mapToObj(p -> FingerPosition.values()[p]).toList());
        assertEquals(10, order.length);
        assertArrayEquals(query(probe).positions(), query(probe).bestFirst(), "no quality: position order");
    }

    @Test
    void aThumbProbeIsComparedOnlyWithThumbs() {
        try (FingerIndex index = fill(2)) {
            SplittableRandom random = new SplittableRandom(5);
            // person 7's index finger presented as a thumb: the index files of other positions are not read
            Map<FingerPosition, FingerMinutiae> probe = Map.of(THUMB, impression(person(7, 2).get(INDEX), random));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                FingerPreselection.Shortlist shortlist = new FingerPreselection(pool, 2).select(query(probe), index,
                        5, 1000);
                assertTrue(shortlist.ordinals()[0] != 7, "found through another finger position");
                assertEquals(PERSONS, shortlist.scanned(), "one thumb per person read");
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void reopensWithoutReadingPersonsAndAnUncommittedAppendLeavesAConsistentPrefix() throws IOException {
        int committed;
        try (FingerIndex index = FingerIndex.open(dir)) {
            for (int i = 0; i < 100; i++) {
                index.append(nik(i), person(i, 3));
            }
            committed = (int) index.size();
        }
        // a crash in the middle of an append: person 100's edge records were written, its count never was
        try (FingerIndex index = FingerIndex.open(dir)) {
            index.append(nik(100), person(100, 3));
        }
        setCount(dir.resolve(FingerIndex.PERSONS_FILE), committed);
        try (FingerIndex index = FingerIndex.open(dir)) {
            assertEquals(committed, index.size());
            // the next person takes the slot; the half-written person's index finger must not show through
            Map<FingerPosition, FingerMinutiae> thumbOnly = Map.of(THUMB, person(101, 3).get(THUMB));
            assertEquals(committed, index.append(nik(101), thumbOnly));
            assertEquals(List.of(THUMB), index.positionsAt(committed));
            assertEquals(nik(101).toLong(), index.nikAt(committed));
            assertEquals(nik(99).toLong(), index.nikAt(committed - 1));
        }
    }

    static void setCount(Path file, long count) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, count);
            channel.write(buffer, FingerIndexLayout.COUNT_OFFSET);
        }
    }
}
