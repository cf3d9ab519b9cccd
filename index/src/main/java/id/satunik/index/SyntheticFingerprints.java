package id.satunik.index;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import id.satunik.FingerPosition;
import id.satunik.matcher.FingerTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * Synthetic fingerprint templates for speed and memory benchmarks at national scale (a million persons, ten fingers
 * each), where no image set is large enough. Each finger is a SourceAFIS 3.18.1 template, serialised exactly as
 * {@code FingerprintTemplate.toByteArray()} writes it (a CBOR map: version, width, height, positionsX, positionsY,
 * directions, types), so it goes through the same decoding, memory and matching paths as a real one.
 *
 * <p>Distributions (pixels at 500 dpi), and why:
 * <ul>
 *   <li>Image 300-420 x 350-480 px, uniform: the range of flat single-finger scanners (FVC2002 DB1 is 388 x 374).
 *   <li>Foreground: an ellipse near the centre (offset sd 4% of the side) with semi-axes 36-46% of the width and
 *       38-47% of the height, as a fingertip pressed on a platen; minutiae only in its inner 90%, since SourceAFIS
 *       drops those at the mask edge.
 *   <li>Minutiae count: normal, mean 40, sd 12, clipped to 12..100, the spread of SourceAFIS on FVC flats
 *       (SourceAFIS keeps at most 100).
 *   <li>Positions: uniform in the foreground by rejection (Poisson-disk-like), at least {@value #MIN_SPACING} px
 *       apart: the ridge period is about 9 px, and SourceAFIS removes minutia clouds closer than that.
 *   <li>Pattern class per finger, with per-finger frequencies from dermatoglyphics (whorls most often on thumbs and
 *       ring fingers, arches and radial loops on index fingers), about 6% arch, 29% whorl, 65% loop over the ten
 *       fingers, close to the FBI/NIST SD4 natural mix (arch 6.6%, whorl 27.9%, loop 65.5%); loops are ulnar
 *       (opening towards the little finger: right loops on the right hand, left loops on the left) except the
 *       radial share.
 *   <li>Ridge orientation: the zero-pole model of Sherlock and Monro, θ = θ∞ + ½ (Σ arg(z − core) − Σ arg(z − delta))
 *       in image coordinates: a loop has one core near the centre and a delta 90-150 px from it, below on the side away
 *       from the opening (10-16 ridges, often outside the image, as in flats); a whorl two cores 20-50 px apart and
 *       two deltas below left and right; a tented arch a core with a delta 25-50 px straight below; a plain arch
 *       (half the arches) no singularity, the ridges bending over a bump. The whole pattern is turned by the finger's
 *       tilt (sd 8°, at most 20°) and bent by a smooth wave of 3-8° (wavelength 200-400 px) so that no two fingers of
 *       a class share a field.
 *   <li>Direction: the local orientation, or that plus π, with equal chance (a ridge ends, or forks, towards either
 *       side); a bifurcation gets the direction of the valley ending it is the dual of, which is the opposite of the
 *       ridge's, so both types have the same distribution. Plus normal noise of sd {@value #DIRECTION_NOISE_DEGREES}°,
 *       the extractor's own error.
 *   <li>Type: ending with a per-finger probability of 55-65%, else bifurcation.
 * </ul>
 * Two different fingers share nothing but the class of their field, so their SourceAFIS scores spread like those
 * of real impostors (SyntheticFingerprintsTest prints the distribution), while all-random directions would score
 * lower and identical fields higher.
 *
 * <p>A finger depends only on the seed, the person and the position (a {@link SplittableRandom} seeded from the
 * three), never on the thread or the order of calls, so galleries are reproducible at any thread count.
 * Thread-safe: immutable.
 */
final class SyntheticFingerprints {
    static final String VERSION = "3.18.1-java";
    static final int MIN_MINUTIAE = 12;
    static final int MAX_MINUTIAE = 100;
    static final double MIN_SPACING = 10;
    static final double DIRECTION_NOISE_DEGREES = 3;

    /** First NIK of the scheme: Kota Jakarta Pusat, district 01, born 01-01-(19/20)00, serial 0001. */
    private static final long FIRST_NIK = 3_171_010_101_000_001L;
    private static final int SERIALS = 9999;
    private static final int MAX_PERSONS = 12 * 100 * SERIALS - 1; // months 01..12, years 00..99

    private static final double TWO_PI = 2 * Math.PI;
    private static final CBORFactory CBOR = new CBORFactory();

    private final long seed;

    SyntheticFingerprints(long seed) {
        this.seed = seed;
    }

    /**
     * Synthetic NIK of person {@code person}, valid for {@link id.satunik.Nik}: DKI Jakarta, regency 71, district 01,
     * birth day 01 of month {@code 1 + block / 100} and year {@code block % 100}, serial {@code person % 9999 + 1}
     * where {@code block = person / 9999}. Distinct for persons 0..{@value #MAX_PERSONS} (11,998,799).
     */
    static long nikOf(int person) {
        if (person < 0 || person > MAX_PERSONS) {
            throw new IllegalArgumentException("person " + person + " is outside 0.." + MAX_PERSONS);
        }
        int block = person / SERIALS;
        // block 100 carries from the year into the month digits: 01MMYY with MM = 1 + block / 100, YY = block % 100
        return FIRST_NIK + block * 10_000L + person % SERIALS;
    }

    /** The {@code position} finger of person {@code person}. */
    FingerTemplate finger(int person, FingerPosition position) {
        SplittableRandom random = new SplittableRandom((seed * 0x9E3779B97F4A7C15L + person) * 11 + position.code());
        int width = 300 + random.nextInt(121);
        int height = 350 + random.nextInt(131);
        // foreground ellipse
        double ex = width / 2.0 + width * 0.04 * gaussian(random);
        double ey = height / 2.0 + height * 0.04 * gaussian(random);
        double ax = Math.min(width * (0.36 + 0.10 * random.nextDouble()), Math.min(ex, width - ex) - 4);
        double ay = Math.min(height * (0.38 + 0.09 * random.nextDouble()), Math.min(ey, height - ey) - 4);
        OrientationField field = OrientationField.random(random, position, ex, ey);
        double endings = 0.55 + 0.10 * random.nextDouble();
        int count = (int) Math.round(Math.clamp(40 + 12 * gaussian(random), MIN_MINUTIAE, MAX_MINUTIAE));

        short[] xs = new short[count];
        short[] ys = new short[count];
        float[] directions = new float[count];
        char[] types = new char[count];
        double rx = 0.9 * ax;
        double ry = 0.9 * ay;
        double spacing2 = MIN_SPACING * MIN_SPACING;
        int placed = 0;
        for (int attempt = 0; placed < count && attempt < 200 * count; attempt++) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            if (u * u + v * v > 1) {
                continue;
            }
            int x = (int) Math.round(ex + u * rx);
            int y = (int) Math.round(ey + v * ry);
            if (tooClose(xs, ys, placed, x, y, spacing2)) {
                continue;
            }
            double side = random.nextBoolean() ? Math.PI : 0;
            double noise = Math.toRadians(DIRECTION_NOISE_DEGREES) * gaussian(random);
            xs[placed] = (short) x;
            ys[placed] = (short) y;
            directions[placed] = normalized(field.at(x, y) + side + noise);
            types[placed] = random.nextDouble() < endings ? 'E' : 'B';
            placed++;
        }
        if (placed < count) { // cannot happen with these sizes, but never emit half-filled arrays
            throw new IllegalStateException("placed only " + placed + " of " + count + " minutiae");
        }
        return new FingerTemplate(position, count, cbor(width, height, xs, ys, directions, types));
    }

    private static boolean tooClose(short[] xs, short[] ys, int placed, int x, int y, double spacing2) {
        for (int i = 0; i < placed; i++) {
            double dx = xs[i] - x;
            double dy = ys[i] - y;
            if (dx * dx + dy * dy < spacing2) {
                return true;
            }
        }
        return false;
    }

    /** An angle in [0, 2π) as a float, which SourceAFIS requires (a double just under 2π rounds up to it). */
    private static float normalized(double angle) {
        double a = angle % TWO_PI;
        if (a < 0) {
            a += TWO_PI;
        }
        float f = (float) a;
        return f >= (float) TWO_PI ? 0f : f;
    }

    private static double gaussian(SplittableRandom random) {
        return random.nextGaussian();
    }

    /** The fields in the order, and with the CBOR types, of SourceAFIS's PersistentTemplate. */
    private static byte[] cbor(int width, int height, short[] xs, short[] ys, float[] directions, char[] types) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 + 9 * xs.length);
        try (CBORGenerator g = CBOR.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", VERSION);
            g.writeFieldName("width");
            g.writeNumber((short) width);
            g.writeFieldName("height");
            g.writeNumber((short) height);
            g.writeFieldName("positionsX");
            writeShorts(g, xs);
            g.writeFieldName("positionsY");
            writeShorts(g, ys);
            g.writeFieldName("directions");
            g.writeStartArray(directions, directions.length);
            for (float d : directions) {
                g.writeNumber(d);
            }
            g.writeEndArray();
            g.writeStringField("types", new String(types));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static void writeShorts(CBORGenerator g, short[] values) throws IOException {
        g.writeStartArray(values, values.length);
        for (short value : values) {
            g.writeNumber(value);
        }
        g.writeEndArray();
    }

    /** Pattern classes of the Henry system as the field model distinguishes them. */
    enum Pattern { PLAIN_ARCH, TENTED_ARCH, LEFT_LOOP, RIGHT_LOOP, WHORL }

    /**
     * A finger's ridge orientation field (angle mod π, image coordinates, y down): zero-pole model, or a bump for
     * a plain arch, in the finger's own frame (turned by its tilt), bent by a smooth wave.
     */
    record OrientationField(Pattern pattern, double cx, double cy, double cos, double sin, double tilt,
                            double[] coreX, double[] coreY, double[] deltaX, double[] deltaY,
                            double archWidth, double archHeight, double waveAmplitude, double waveKx,
                            double waveKy, double wavePhase) {

        // probabilities of arch, radial loop and whorl per finger (thumb, index, middle, ring, little); ulnar loop
        // takes the rest. After Cummins & Midlo and the FBI's pattern statistics.
        private static final double[] ARCH = {0.03, 0.13, 0.07, 0.03, 0.02};
        private static final double[] RADIAL = {0.02, 0.17, 0.03, 0.01, 0.01};
        private static final double[] WHORL = {0.40, 0.30, 0.20, 0.42, 0.14};

        static OrientationField random(SplittableRandom random, FingerPosition position, double cx, double cy) {
            int finger = (position.code() - 1) % 5;
            boolean rightHand = position.code() <= 5;
            double p = random.nextDouble();
            Pattern pattern;
            if (p < ARCH[finger]) {
                pattern = random.nextBoolean() ? Pattern.PLAIN_ARCH : Pattern.TENTED_ARCH;
            } else if (p < ARCH[finger] + WHORL[finger]) {
                pattern = Pattern.WHORL;
            } else {
                boolean radial = p < ARCH[finger] + WHORL[finger] + RADIAL[finger];
                // ulnar loops open towards the little finger: to the right on the right hand
                pattern = rightHand != radial ? Pattern.RIGHT_LOOP : Pattern.LEFT_LOOP;
            }
            double tilt = Math.toRadians(Math.clamp(8 * random.nextGaussian(), -20, 20));
            // core a little above the centre of the foreground, as on a flat impression
            double coreDx = 25 * random.nextGaussian();
            double coreDy = -15 + 20 * random.nextGaussian();
            double[] coreX;
            double[] coreY;
            double[] deltaX;
            double[] deltaY;
            switch (pattern) {
                case LEFT_LOOP, RIGHT_LOOP -> {
                    double side = pattern == Pattern.RIGHT_LOOP ? -1 : 1; // the delta faces away from the opening
                    coreX = new double[] {coreDx};
                    coreY = new double[] {coreDy};
                    double distance = 90 + 60 * random.nextDouble();
                    double angle = Math.toRadians(35 + 25 * random.nextDouble()); // from the vertical
                    deltaX = new double[] {coreDx + side * distance * Math.sin(angle)};
                    deltaY = new double[] {coreDy + distance * Math.cos(angle)};
                }
                case WHORL -> {
                    double half = 10 + 15 * random.nextDouble();
                    double turn = Math.PI * random.nextDouble();
                    coreX = new double[] {coreDx + half * Math.cos(turn), coreDx - half * Math.cos(turn)};
                    coreY = new double[] {coreDy + half * Math.sin(turn), coreDy - half * Math.sin(turn)};
                    double left = 70 + 40 * random.nextDouble();
                    double right = 70 + 40 * random.nextDouble();
                    deltaX = new double[] {coreDx - left, coreDx + right};
                    deltaY = new double[] {coreDy + 60 + 40 * random.nextDouble(), coreDy + 60 + 40 * random.nextDouble()};
                }
                case TENTED_ARCH -> {
                    coreX = new double[] {coreDx};
                    coreY = new double[] {coreDy};
                    deltaX = new double[] {coreDx + 5 * random.nextGaussian()};
                    deltaY = new double[] {coreDy + 25 + 25 * random.nextDouble()};
                }
                default -> {
                    coreX = new double[] {coreDx};
                    coreY = new double[] {coreDy + 20};
                    deltaX = new double[0];
                    deltaY = new double[0];
                }
            }
            double archWidth = 50 + 40 * random.nextDouble();
            double archHeight = 0.6 + 0.6 * random.nextDouble();
            double waveAmplitude = Math.toRadians(3 + 5 * random.nextDouble());
            double waveAngle = Math.PI * random.nextDouble();
            double waveNumber = TWO_PI / (200 + 200 * random.nextDouble());
            return new OrientationField(pattern, cx, cy, Math.cos(tilt), Math.sin(tilt), tilt, coreX, coreY,
                    deltaX, deltaY, archWidth, archHeight, waveAmplitude, waveNumber * Math.cos(waveAngle),
                    waveNumber * Math.sin(waveAngle), TWO_PI * random.nextDouble());
        }

        /** Ridge orientation at image pixel (x, y), radians, defined mod π. */
        double at(double x, double y) {
            // into the finger's frame: centred, turned back by the tilt
            double dx = x - cx;
            double dy = y - cy;
            double fx = cos * dx + sin * dy;
            double fy = -sin * dx + cos * dy;
            double theta;
            if (pattern == Pattern.PLAIN_ARCH) {
                // ridges y = −h·exp(−u²) (a bump towards the fingertip, up), flatter away from its centre line
                double u = (fx - coreX[0]) / archWidth;
                double fade = Math.exp(-Math.abs(fy - coreY[0]) / 120);
                theta = Math.atan(2 * u * archHeight * fade * Math.exp(-u * u));
            } else {
                theta = 0;
                for (int i = 0; i < coreX.length; i++) {
                    theta += Math.atan2(fy - coreY[i], fx - coreX[i]);
                }
                for (int i = 0; i < deltaX.length; i++) {
                    theta -= Math.atan2(fy - deltaY[i], fx - deltaX[i]);
                }
                theta *= 0.5;
            }
            return theta + tilt + waveAmplitude * Math.sin(waveKx * x + waveKy * y + wavePhase);
        }
    }
}
