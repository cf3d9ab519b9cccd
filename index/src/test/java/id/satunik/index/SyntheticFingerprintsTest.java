package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.FingerMinutiae;
import id.satunik.matcher.FingerTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticFingerprintsTest {
    private static final long SEED = 20260101L;
    private static final SyntheticFingerprints SYNTHETIC = new SyntheticFingerprints(SEED);
    private static final CBORMapper CBOR = new CBORMapper();
    private static final FingerPosition[] FINGERS = FingerPosition.values();

    // Impostor bounds around what SourceAFIS 3.18.1 gives real flats: FVC2002 DB1 B and DB2 B, all 2,880 pairs of
    // impressions of different fingers in each, median 1.3 / 1.4, p90 6.0 / 6.6, p99 15.5 / 15.1, none at 40.
    // The broken generators checked below fall outside them.
    private static final double MEDIAN_LOW = 0.6;
    private static final double MEDIAN_HIGH = 3;
    private static final double P90_LOW = 3;
    private static final double P90_HIGH = 12;
    private static final double MAX_SHARE_AT_40 = 0.002;

    @Test
    void aFingerDependsOnlyOnSeedPersonAndPosition() {
        int persons = 100;
        byte[][] forward = new byte[persons * 10][];
        for (int i = 0; i < forward.length; i++) {
            forward[i] = SYNTHETIC.finger(i / 10, FINGERS[i % 10]).bytes();
        }
        // another instance, another order, many threads
        SyntheticFingerprints again = new SyntheticFingerprints(SEED);
        byte[][] shuffled = new byte[forward.length][];
        IntStream.range(0, forward.length).parallel().map(i -> forward.length - 1 - i)
                .forEach(i -> shuffled[i] = again.finger(i / 10, FINGERS[i % 10]).bytes());
        for (int i = 0; i < forward.length; i++) {
            assertArrayEquals(forward[i], shuffled[i], "finger " + i);
        }
        assertFalse(Arrays.equals(forward[0], forward[1]), "another finger of the same person");
        assertFalse(Arrays.equals(forward[0], forward[10]), "the same finger of another person");
        assertFalse(Arrays.equals(forward[0],
                new SyntheticFingerprints(SEED + 1).finger(0, FINGERS[0]).bytes()), "another seed");
        assertEquals(forward.length, Arrays.stream(forward).map(Arrays::toString).distinct().count());
    }

    @Test
    void sourceAfisReadsEveryTemplateAndWritesItBackTheSame() throws IOException {
        for (int person = 0; person < 100; person++) {
            for (FingerPosition position : FINGERS) {
                FingerTemplate finger = SYNTHETIC.finger(person, position);
                FingerprintTemplate parsed = new FingerprintTemplate(finger.bytes());
                JsonNode ours = CBOR.readTree(finger.bytes());
                JsonNode theirs = CBOR.readTree(parsed.toByteArray());
                assertEquals(List.of("version", "width", "height", "positionsX", "positionsY", "directions", "types"),
                        names(ours), "fields in SourceAFIS's order");
                assertEquals(minutiae(theirs), minutiae(ours), person + " " + position);
                assertEquals(theirs.get("width"), ours.get("width"));
                assertEquals(theirs.get("height"), ours.get("height"));
                assertEquals(theirs.get("version"), ours.get("version"));
                assertEquals(finger.minutiae(), ours.get("types").asText().length());
                // and the engine's own reader (pre-selection keys) sees the same minutiae
                FingerMinutiae read = FingerMinutiae.parse(finger.bytes());
                assertEquals(finger.minutiae(), read.count());
                assertEquals(ours.get("positionsX").get(0).asInt(), read.x(0));
                assertEquals(ours.get("directions").get(0).floatValue(), read.direction(0));
            }
        }
    }

    @Test
    void minutiaeFollowTheDocumentedDistributions() throws IOException {
        int fingers = 0;
        long minutiae = 0;
        long squares = 0;
        long endings = 0;
        for (int person = 0; person < 250; person++) {
            for (FingerPosition position : FINGERS) {
                JsonNode t = CBOR.readTree(SYNTHETIC.finger(person, position).bytes());
                int width = t.get("width").asInt();
                int height = t.get("height").asInt();
                assertTrue(width >= 300 && width <= 420 && height >= 350 && height <= 480, width + "x" + height);
                String types = t.get("types").asText();
                int n = types.length();
                assertTrue(n >= SyntheticFingerprints.MIN_MINUTIAE && n <= SyntheticFingerprints.MAX_MINUTIAE, "" + n);
                fingers++;
                minutiae += n;
                squares += (long) n * n;
                int[] xs = ints(t.get("positionsX"));
                int[] ys = ints(t.get("positionsY"));
                for (int i = 0; i < n; i++) {
                    assertTrue(xs[i] > 0 && xs[i] < width && ys[i] > 0 && ys[i] < height, xs[i] + "," + ys[i]);
                    double direction = t.get("directions").get(i).asDouble();
                    assertTrue(direction >= 0 && direction < 2 * Math.PI, "" + direction);
                    assertTrue(types.charAt(i) == 'E' || types.charAt(i) == 'B');
                    endings += types.charAt(i) == 'E' ? 1 : 0;
                    for (int j = 0; j < i; j++) {
                        double distance = Math.hypot(xs[i] - xs[j], ys[i] - ys[j]);
                        assertTrue(distance >= SyntheticFingerprints.MIN_SPACING, "minutiae " + i + ", " + j);
                    }
                }
            }
        }
        double mean = minutiae / (double) fingers;
        double sd = Math.sqrt(squares / (double) fingers - mean * mean);
        double endingShare = endings / (double) minutiae;
        System.out.printf(Locale.ROOT, "minutiae per finger: mean %.1f sd %.1f; endings %.1f%%%n", mean, sd,
                100 * endingShare);
        assertTrue(mean > 38 && mean < 42, "mean " + mean);
        assertTrue(sd > 10 && sd < 13, "sd " + sd);
        assertTrue(endingShare > 0.57 && endingShare < 0.63, "endings " + endingShare);
    }

    @Test
    void patternClassesFollowFingerStatistics() {
        Map<SyntheticFingerprints.Pattern, Integer> counts = new EnumMap<>(SyntheticFingerprints.Pattern.class);
        int[] ulnar = new int[2];
        int[] loops = new int[2];
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            FingerPosition position = FINGERS[i % 10];
            SyntheticFingerprints.Pattern pattern = SyntheticFingerprints.OrientationField
                    .random(new SplittableRandom(i), position, 200, 200).pattern();
            counts.merge(pattern, 1, Integer::sum);
            boolean right = position.code() <= 5;
            if (pattern == SyntheticFingerprints.Pattern.LEFT_LOOP || pattern == SyntheticFingerprints.Pattern.RIGHT_LOOP) {
                loops[right ? 0 : 1]++;
                if (pattern == (right ? SyntheticFingerprints.Pattern.RIGHT_LOOP : SyntheticFingerprints.Pattern.LEFT_LOOP)) {
                    ulnar[right ? 0 : 1]++;
                }
            }
        }
        System.out.println("pattern classes in " + draws + " fingers: " + counts);
        double arches = (counts.get(SyntheticFingerprints.Pattern.PLAIN_ARCH)
                + counts.get(SyntheticFingerprints.Pattern.TENTED_ARCH)) / (double) draws;
        double whorls = counts.get(SyntheticFingerprints.Pattern.WHORL) / (double) draws;
        assertTrue(arches > 0.04 && arches < 0.09, "arches " + arches);
        assertTrue(whorls > 0.25 && whorls < 0.33, "whorls " + whorls);
        for (int hand = 0; hand < 2; hand++) {
            double share = ulnar[hand] / (double) loops[hand];
            assertTrue(share > 0.9 && share < 0.97, "ulnar share of loops " + share);
        }
    }

    @Test
    void scoresSpreadLikeRealFingers() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        double[] synthetic = impostors(null, 50, 40, random);
        report("synthetic", synthetic);
        assertTrue(likeRealImpostors(synthetic), "synthetic impostors unlike real ones");

        // a finger against itself: a certain match
        for (int person = 0; person < 50; person++) {
            for (FingerPosition position : new FingerPosition[] {FINGERS[person % 10], FINGERS[(person + 3) % 10]}) {
                FingerprintTemplate t = new FingerprintTemplate(SYNTHETIC.finger(person, position).bytes());
                double score = new FingerprintMatcher(t).match(t);
                assertTrue(score > 100, person + " " + position + " against itself: " + score);
            }
        }

        // the bounds tell broken generators apart: directions that follow no ridge flow ...
        double[] randomDirections = impostors(t -> {
            ArrayNode directions = (ArrayNode) t.get("directions");
            SplittableRandom r = new SplittableRandom(t.get("positionsX").hashCode());
            for (int i = 0; i < directions.size(); i++) {
                directions.set(i, (float) (2 * Math.PI * r.nextDouble()));
            }
            return t;
        }, 20, 20, new SplittableRandom(1));
        report("random directions", randomDirections);
        // ... or one finger for everybody
        double[] sameFinger = impostors(t -> {
            try {
                return (ObjectNode) CBOR.readTree(SYNTHETIC.finger(0, FingerPosition.RIGHT_THUMB).bytes());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, 10, 10, new SplittableRandom(1));
        report("one finger for all", sameFinger);
        assertFalse(likeRealImpostors(randomDirections), "random directions pass for real");
        assertFalse(likeRealImpostors(sameFinger), "one finger for all passes for real");
    }

    @Test
    void niksAreValidAndDistinct() {
        int[] edges = {0, 1, 9997, 9998, 9999, 10_000, 99 * 9999, 100 * 9999 - 1, 100 * 9999, 1_000_000,
                9_999_999, 11_998_799};
        for (int person : edges) {
            Nik nik = Nik.fromLong(SyntheticFingerprints.nikOf(person));
            assertTrue(nik.serial() >= 1 && nik.serial() <= 9999, nik.value());
        }
        assertEquals("3171010101000001", Nik.fromLong(SyntheticFingerprints.nikOf(0)).value());
        assertEquals("3171010102000001", Nik.fromLong(SyntheticFingerprints.nikOf(100 * 9999)).value());
        assertThrows(IllegalArgumentException.class, () -> SyntheticFingerprints.nikOf(11_998_800));
        assertThrows(IllegalArgumentException.class, () -> SyntheticFingerprints.nikOf(-1));
        // strictly increasing, hence distinct, over the whole national-scale range; valid on a sample of it
        long previous = -1;
        for (int person = 0; person < 10_000_000; person++) {
            long nik = SyntheticFingerprints.nikOf(person);
            if (nik <= previous) {
                fail("NIK of person " + person + " is not above the previous one");
            }
            previous = nik;
            if (person % 997 == 0 || person < 20_000) {
                Nik.fromLong(nik); // throws with the reason when invalid
            }
        }
    }

    private static boolean likeRealImpostors(double[] scores) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double median = quantile(sorted, 0.5);
        double p90 = quantile(sorted, 0.9);
        return median >= MEDIAN_LOW && median <= MEDIAN_HIGH && p90 >= P90_LOW && p90 <= P90_HIGH
                && shareAtLeast(scores, 40) <= MAX_SHARE_AT_40;
    }

    /**
     * SourceAFIS scores of {@code probes} x {@code perProbe} pairs of different fingers (other persons, or other
     * fingers of one person), from a pool of random fingers so that each template is decoded once.
     */
    private static double[] impostors(UnaryOperator<ObjectNode> edit, int probes, int perProbe,
                                      SplittableRandom random) throws IOException {
        Set<Long> keys = new LinkedHashSet<>();
        while (keys.size() < 5 * probes) {
            keys.add(random.nextLong(10_000_000L)); // person * 10 + finger
        }
        List<FingerprintTemplate> pool = new ArrayList<>();
        for (long key : keys) {
            byte[] bytes = SYNTHETIC.finger((int) (key / 10), FINGERS[(int) (key % 10)]).bytes();
            if (edit != null) {
                bytes = CBOR.writeValueAsBytes(edit.apply((ObjectNode) CBOR.readTree(bytes)));
            }
            pool.add(new FingerprintTemplate(bytes));
        }
        double[] scores = new double[probes * perProbe];
        for (int p = 0; p < probes; p++) {
            FingerprintMatcher matcher = new FingerprintMatcher(pool.get(p));
            for (int k = 0; k < perProbe; k++) {
                int other = probes + random.nextInt(pool.size() - probes);
                scores[p * perProbe + k] = matcher.match(pool.get(other));
            }
        }
        return scores;
    }

    private static void report(String what, double[] scores) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "impostor scores, %s (%d pairs): p10 %.1f, p25 %.1f, median %.1f, p75 %.1f,"
                        + " p90 %.1f, p99 %.1f, max %.1f; >= 20: %.2f%%, >= 40: %.2f%%%n", what, sorted.length,
                quantile(sorted, 0.10), quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75),
                quantile(sorted, 0.90), quantile(sorted, 0.99), sorted[sorted.length - 1],
                100 * shareAtLeast(scores, 20), 100 * shareAtLeast(scores, 40));
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static double shareAtLeast(double[] scores, double threshold) {
        return Arrays.stream(scores).filter(s -> s >= threshold).count() / (double) scores.length;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** The minutiae as sorted "x y direction type" lines: SourceAFIS may store them in another order. */
    private static List<String> minutiae(JsonNode t) {
        List<String> lines = new ArrayList<>();
        String types = t.get("types").asText();
        for (int i = 0; i < types.length(); i++) {
            lines.add(t.get("positionsX").get(i).asInt() + " " + t.get("positionsY").get(i).asInt() + " "
                    + t.get("directions").get(i).floatValue() + " " + types.charAt(i));
        }
        lines.sort(null);
        return lines;
    }
}
