package id.satunik.matcher;

import id.satunik.UnusableSampleException;
import id.satunik.matcher.IrisSegmentation.Circle;
import java.util.Arrays;
import java.util.Locale;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Locates pupil, limbus, eyelids, eyelashes and specular reflections in a near-infrared eye image.
 *
 * <p>Method: specular reflections (small spots much brighter than their surroundings: a white top-hat) are
 * filled from the grey-level opening, so that they neither look like texture nor break the pupil edge; pupil
 * candidates are the largest discs inscribed in the dark regions over a sweep of thresholds (robust to lashes
 * merged with the pupil), the one with the sharpest circular edge is refined by Daugman's integro-differential
 * operator (the circle that maximises the radial derivative of the mean grey level along it); the limbus is
 * found by the same operator on the lower-lateral arcs, which eyelids rarely cover; the eyelids are the
 * parabolic edges above and below the pupil with the strongest vertical contrast; eyelashes are pixels far
 * darker than the iris's own median grey level. A result that does not look like an eye (pupil not dark and
 * round enough, no limbus edge) is refused as "no iris found".
 *
 * <p>Thread-safe: stateless (each call uses its own native matrices).
 */
final class IrisSegmenter {
    /** How much brighter than its surroundings a spot must be to count as a reflection of the illuminator. */
    static final int REFLECTION_CONTRAST = 60;
    /**
     * A reflection is also bright in itself: above this fraction of the way from the image's black to its white.
     * Without it the top-hat also takes every bright fleck of texture and skin between lashes, which on IITD's
     * camera (sharp, high-contrast texture) filled the pupil's edge and refused 84% of the images. This level
     * serves the search for pupil and limbus (a reflection filled there keeps the pupil round); the code's noise
     * mask uses {@link #SPECULAR_LEVEL}.
     */
    static final double REFLECTION_LEVEL = 0.7;
    /**
     * For the code, a reflection must be brighter still: at {@link #REFLECTION_LEVEL} the mask also took IITD's
     * bright iris fibres (15% of the ring in its sharpest eyes, with the lashes 60% of their code); an
     * illuminator's mirror image is near white. Of 0.7 / 0.8 / 0.85 / 0.9, each leave-one-dataset-out fold over
     * IITD, CASIA-Iris-Interval and CASIA-V1 picks 0.9 on its two tuning sets (docs/iris.md); used for the search
     * too, 0.85 already left a dim LED ring in one CASIA-Iris-Interval pupil unfilled and refused that image, hence
     * two levels.
     */
    static final double SPECULAR_LEVEL = 0.9;

    /** The level the code's reflections are masked from: {@link #SPECULAR_LEVEL}, or another for a caller's own use. */
    private final double specularLevel;

    IrisSegmenter() {
        this(SPECULAR_LEVEL);
    }

    /**
     * @param specularLevel the code's reflection level; {@link #REFLECTION_LEVEL} gives the segmenter before the
     *                      code level was raised, which the fingerprint extractor's eye test was measured with
     */
    IrisSegmenter(double specularLevel) {
        this.specularLevel = specularLevel;
    }
    /** Fraction of the pixels at each end of the histogram left out of the image's grey-level range. */
    static final double RANGE_TAIL = 0.005;
    /**
     * Every grey-level limit below is stated for an image whose range (0.5% to 99.5% of the pixels) spans this many
     * grey levels, and is scaled by the image's own range: a camera with lower gain or a hazier capture gets
     * proportionally lower limits, a punchier one higher. 220 is the range of a typical CASIA capture
     * (CASIA-Iris-Interval 196-228, CASIA-V1 196-218; IITD 250-255).
     */
    static final double REFERENCE_RANGE = 220;
    /** Pupil radius range in pixels and as a fraction of the shorter image side (sizes of ISO 19794-6 images). */
    static final int MIN_PUPIL_RADIUS = 12;
    static final double MAX_PUPIL_FRACTION = 0.3;
    static final int MIN_IRIS_RADIUS = 40;
    /**
     * Limbus arcs (degrees, image y pointing down, 0 = right): the lower-lateral sectors, which the lids rarely
     * cover. Symmetric ±35° arcs hit the lids of narrow eyes and gave EER 1.6%; these 1.5%, then 0.57% with the
     * later changes (docs/iris.md).
     */
    private static final double[] LIMBUS_ARCS = {-10, 45, 135, 190};
    /** Pupil/iris radius ratio a living eye shows (dilation range). */
    static final double MIN_PUPIL_IRIS_RATIO = 0.15;
    static final double MAX_PUPIL_IRIS_RATIO = 0.75;
    /** A ring pixel darker than this fraction of the ring's median grey level is an eyelash (or its shadow). */
    static final double LASH_DARKNESS = 0.6;
    /** The weakest pupil edge accepted (grey levels across 4 px): below it there is no pupil in the image. */
    static final double MIN_PUPIL_EDGE = 12;
    /** Per-sample clip of the pupil candidates' edge rise, grey levels (reference range). */
    static final double PUPIL_EDGE_CLIP = 40;
    /** Per-pixel clip of the limbus derivative, grey levels. */
    static final double LIMBUS_CLIP = 12;
    static final int LIMBUS_HALF_WIDTH = 4;
    /**
     * How far the limbus centre may lie from the pupil's along each axis, as a fraction of the pupil radius (the
     * coarse-to-fine search adds 2 px). Was max(4 px, 0.25 r): the wider search let the limbus circle slide onto a
     * lid or into the sclera, and took a fingerprint's ridge arcs for a limbus (FVC2000 DB3_B 110_1). A limit on
     * the distance instead (a disc of 0.2 r, not this square) was tried: the limbus of IITD 025/06_R lies 0.32 r
     * off the pupil centre, and out of reach the search took the collarette (docs/iris.md).
     */
    static final double LIMBUS_CENTER_OFFSET = 0.2;
    /** A second limbus candidate is looked for from this multiple of the first's radius outwards. */
    static final double OUTER_LIMBUS_STEP = 1.25;
    /** How much brighter (reference range) than beyond the first candidate the sclera beyond the second must be. */
    static final double SCLERA_STEP = 10;
    /** Eyelid parabola y = a·x², a up to this (1/px): lids of a 320x280 eye image bend no more. */
    static final double MAX_EYELID_CURVATURE = 0.005;
    /** How far (px) the refined pupil centre may move from the blob's: lashes pull the blob off centre. */
    static final int PUPIL_CENTER_RANGE = 6;
    /*
     * An eye, not a dark round blob in some other picture. On the 2,539 CASIA images the pupil is at least 52
     * grey levels darker than its rim, its edge holds along at least 69% of its circle, its inside deviates by at
     * most 16 grey levels (standard deviation of polar samples; 19.5 as the robust spread over the disc's area
     * that is measured now, CASIA-Iris-Interval's glow), and the limbus edge holds along at least 42% of the
     * lateral arcs; the limits below leave a margin below those, and turn away most fingerprints (FVC) that a
     * blob search alone would take for an eye.
     */
    static final double MIN_PUPIL_CONTRAST = 40;
    /**
     * The pupil's inside, for its uniformity and mean: the disc of this fraction of its radius (the edge's blur
     * and the iris stay out).
     */
    static final double INSIDE_FRACTION = 0.8;
    /**
     * A dark iris (IITD: 28-40 grey levels between pupil and rim at the reference range) passes with less contrast
     * when its pupil is flat inside: robust spread ({@link #discSpread}) at most {@link #FLAT_PUPIL_SPREAD}. IITD's
     * 30 faint pupils show 0-1.1; of the 392 FVC prints that reach this test, the 100 in the same contrast band show
     * 2.6 and more (a fingerprint's darkest round region holds ridges). This replaces "edge along 90% of the circle
     * and deviation at most 8", which refused IITD 113's left eye (a dark inner iris hides a third of the pupil's
     * edge: 68-88%) and, with the area spread, let FVC2002 DB4_B 106_7 through (38 grey levels, 93%, spread 7.6).
     */
    static final double MIN_FAINT_PUPIL_CONTRAST = 25;
    static final double FLAT_PUPIL_SPREAD = 2;
    static final double MIN_PUPIL_COVERAGE = 0.6;
    static final double MAX_PUPIL_DEVIATION = 22;
    static final double MIN_LIMBUS_COVERAGE = 0.35;
    /** Lid edges are looked for this many pixels inside the limbus: the limbus itself is an edge of lid polarity. */
    static final double EYELID_LIMBUS_MARGIN = 10;
    /** How far the lid's apex may sit beside the iris centre, as a fraction of the iris radius (tilted heads). */
    static final double EYELID_APEX_SHIFT = 0.4;
    /** Mean contrast (grey levels over 4 px) a lid edge must reach; below it the lid does not cover the iris. */
    static final double EYELID_MIN_EDGE = 8.0;

    IrisSegmentation segment(GrayImage image, String subject) {
        OpenCv.load();
        int w = image.width();
        int h = image.height();
        try (OpenCv cv = new OpenCv()) {
            Mat src = cv.gray(w, h, image.pixels());
            Levels levels = Levels.of(image.pixels());
            double k = levels.scale();
            // Reflections: small spots much brighter than their surroundings (white top-hat), with their halo.
            // They are filled with the grey-level opening (the image with every small bright spot shaved off),
            // which keeps the pupil dark and round where an illuminator's ring of LEDs is mirrored in it.
            Mat kernel = cv.track(Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(15, 15)));
            Mat opened = cv.mat();
            Imgproc.morphologyEx(src, opened, Imgproc.MORPH_OPEN, kernel);
            Mat reflections = cv.mat();
            Core.subtract(src, opened, reflections);
            Imgproc.threshold(reflections, reflections, REFLECTION_CONTRAST * k, 255, Imgproc.THRESH_BINARY);
            // ... and bright in themselves: a mirror image of the illuminator, not a bright fleck of iris texture
            // or skin between lashes (which the top-hat alone also finds: on IITD it took the pupil's edge with it)
            Mat bright = cv.mat();
            Imgproc.threshold(src, bright, levels.black() + REFLECTION_LEVEL * levels.range(), 255,
                    Imgproc.THRESH_BINARY);
            Core.bitwise_and(reflections, bright, reflections);
            Imgproc.dilate(reflections, reflections, cv.track(
                    Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(5, 5))));
            Mat clean = cv.mat();
            src.copyTo(clean);
            opened.copyTo(clean, reflections);
            // the code's own reflections: only near-white spots (see SPECULAR_LEVEL), filled the same way
            Mat specular = cv.mat();
            Core.subtract(src, opened, specular);
            Imgproc.threshold(specular, specular, REFLECTION_CONTRAST * k, 255, Imgproc.THRESH_BINARY);
            Mat white = cv.mat();
            Imgproc.threshold(src, white, levels.black() + specularLevel * levels.range(), 255, Imgproc.THRESH_BINARY);
            Core.bitwise_and(specular, white, specular);
            Imgproc.dilate(specular, specular, cv.track(
                    Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(5, 5))));
            Mat texture = cv.mat();
            src.copyTo(texture);
            opened.copyTo(texture, specular);
            Mat smooth = cv.mat();
            Imgproc.GaussianBlur(clean, smooth, new Size(0, 0), 1.5);
            float[] pixels = toFloat(OpenCv.bytes(smooth));
            byte[] reflectionMap = OpenCv.bytes(specular);

            Circle guess = pupilCandidate(cv, clean, pixels, w, h, k);
            if (guess == null) {
                throw new UnusableSampleException(subject, "no iris found: no round dark pupil in the image");
            }
            // the blob can be off when lashes or a dark inner iris merged with the pupil: search widely around it
            Circle pupil = integroDifferential(pixels, w, h, guess.x(), guess.y(), PUPIL_CENTER_RANGE,
                    Math.max(MIN_PUPIL_RADIUS, guess.r() * 0.6), guess.r() * 1.3, FULL_CIRCLE, 96, 2, 1000);
            if (pupil == null) {
                throw new UnusableSampleException(subject, "no iris found: pupil edge not found");
            }
            double rMin = Math.max(MIN_IRIS_RADIUS, pupil.r() / MAX_PUPIL_IRIS_RATIO);
            double rMax = Math.min(pupil.r() / MIN_PUPIL_IRIS_RATIO, 0.75 * Math.max(w, h));
            int centerRange = (int) Math.ceil(pupil.r() * LIMBUS_CENTER_OFFSET);
            double limbusClip = LIMBUS_CLIP * k * LIMBUS_HALF_WIDTH;
            Circle iris = rMin >= rMax ? null
                    : integroDifferential(pixels, w, h, pupil.x(), pupil.y(), centerRange, rMin, rMax, LIMBUS_ARCS,
                            64, LIMBUS_HALF_WIDTH, limbusClip);
            if (iris != null && iris.r() * OUTER_LIMBUS_STEP < rMax) {
                iris = outermost(pixels, w, h, pupil, iris, centerRange, rMax, limbusClip);
            }
            if (iris == null) {
                throw new UnusableSampleException(subject, "no iris found: limbus not found around the pupil");
            }
            if (iris.distanceTo(pupil) + pupil.r() > iris.r() - 2) {
                throw new UnusableSampleException(subject, String.format(Locale.ROOT,
                        "no iris found: pupil (r=%.0f) not inside the limbus (r=%.0f)", pupil.r(), iris.r()));
            }
            double[] inside = arcSamples(pixels, w, h, pupil, 0, pupil.r() * INSIDE_FRACTION, FULL_CIRCLE);
            double insideMean = mean(inside);
            double pupilContrast = mean(arcSamples(pixels, w, h, pupil, pupil.r() + 3, pupil.r() + 8, FULL_CIRCLE))
                    - insideMean;
            // uniformity over the disc's area (the polar samples above crowd its centre, where the illuminator's
            // reflection sits) and robust to the few pixels of a reflection left in it
            double pupilDeviation = discSpread(pixels, w, h, pupil, INSIDE_FRACTION);
            double pupilCoverage = edgeCoverage(pixels, w, h, pupil, FULL_CIRCLE, k);
            double limbusCoverage = edgeCoverage(pixels, w, h, iris, LIMBUS_ARCS, k);
            // a pupil below the usual contrast (a dark iris) must be flat inside to count
            boolean faint = pupilContrast < MIN_PUPIL_CONTRAST * k
                    && !(pupilContrast >= MIN_FAINT_PUPIL_CONTRAST * k && pupilDeviation <= FLAT_PUPIL_SPREAD * k);
            if (faint || pupilCoverage < MIN_PUPIL_COVERAGE || pupilDeviation > MAX_PUPIL_DEVIATION * k) {
                throw new UnusableSampleException(subject, String.format(Locale.ROOT,
                        "no iris found: no pupil (darkest round region: %.0f grey levels darker than its rim, "
                                + "edge along %.0f%% of its circle, grey-level deviation %.0f inside; a pupil needs "
                                + "%.0f, %.0f%%, at most %.0f)", pupilContrast, 100 * pupilCoverage, pupilDeviation,
                        MIN_PUPIL_CONTRAST * k, 100 * MIN_PUPIL_COVERAGE, MAX_PUPIL_DEVIATION * k));
            }
            if (limbusCoverage < MIN_LIMBUS_COVERAGE) {
                throw new UnusableSampleException(subject, String.format(Locale.ROOT,
                        "no iris found: no iris boundary around the pupil (edge along %.0f%% of the sides, %.0f%% "
                                + "needed)", 100 * limbusCoverage, 100 * MIN_LIMBUS_COVERAGE));
            }
            // lids and lashes on the image the code is taken from (a fibre filled for the search would darken it)
            Mat smoothTexture = cv.mat();
            Imgproc.GaussianBlur(texture, smoothTexture, new Size(0, 0), 1.5);
            byte[] noise = noiseMap(toFloat(OpenCv.bytes(smoothTexture)), reflectionMap, w, h, pupil, iris, k);
            IrisSegmentation.Measures measures = new IrisSegmentation.Measures(pupil.r() / iris.r(),
                    pupilContrast / Math.max(1, levels.range()), circleEdge(pixels, w, h, iris, limbusClip) / limbusClip,
                    sharpness(pixels, w, h, pupil, iris, noise) / Math.max(1, levels.range()),
                    iris.distanceTo(pupil) / iris.r(), inImage(iris, w, h));
            return new IrisSegmentation(pupil, iris, noise, OpenCv.bytes(texture), w, h, measures);
        }
    }

    private static final double[] FULL_CIRCLE = {0, 360};

    /**
     * The limbus, not an edge inside the iris. A sharp camera (IITD's) shows the collarette, half way out, as a
     * dark-to-grey circle as strong as the limbus on the lateral arcs; what tells them apart is the sclera: beyond
     * the limbus the eye is white. So a second circle is looked for beyond the first (radius at least
     * {@link #OUTER_LIMBUS_STEP} times as large); it is the limbus when its edge is at least half as strong and the
     * band just outside it is brighter by {@link #SCLERA_STEP} grey levels (reference range) than the band outside
     * the first.
     */
    private static Circle outermost(float[] pixels, int w, int h, Circle pupil, Circle inner, int centerRange,
                                    double rMax, double clip) {
        Circle outer = integroDifferential(pixels, w, h, pupil.x(), pupil.y(), centerRange,
                inner.r() * OUTER_LIMBUS_STEP, rMax, LIMBUS_ARCS, 64, LIMBUS_HALF_WIDTH, clip);
        if (outer == null) {
            return inner;
        }
        double innerEdge = circleEdge(pixels, w, h, inner, clip);
        double outerEdge = circleEdge(pixels, w, h, outer, clip);
        double innerBeyond = mean(arcSamples(pixels, w, h, inner, inner.r() + 3, inner.r() + 8, LIMBUS_ARCS));
        double outerBeyond = mean(arcSamples(pixels, w, h, outer, outer.r() + 3, outer.r() + 8, LIMBUS_ARCS));
        double k = clip / (LIMBUS_CLIP * LIMBUS_HALF_WIDTH);
        return outerEdge >= 0.5 * innerEdge && outerBeyond - innerBeyond >= SCLERA_STEP * k ? outer : inner;
    }

    /** Mean absolute 3x3 Laplacian over the usable pixels of the iris ring: focus (ISO/IEC 29794-6 sharpness). */
    private static double sharpness(float[] pixels, int w, int h, Circle pupil, Circle iris, byte[] noise) {
        double sum = 0;
        int count = 0;
        int x0 = (int) Math.max(1, iris.x() - iris.r());
        int x1 = (int) Math.min(w - 2, iris.x() + iris.r());
        int y0 = (int) Math.max(1, iris.y() - iris.r());
        int y1 = (int) Math.min(h - 2, iris.y() + iris.r());
        for (int y = y0; y <= y1; y += 2) {
            for (int x = x0; x <= x1; x += 2) {
                int i = y * w + x;
                if (noise[i] == 0 && inRing(x, y, pupil, iris)) {
                    sum += Math.abs(4 * pixels[i] - pixels[i - 1] - pixels[i + 1] - pixels[i - w] - pixels[i + w]);
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Fraction of the circle (every 5°) inside the image. */
    private static double inImage(Circle c, int w, int h) {
        int inside = 0;
        for (int deg = 0; deg < 360; deg += 5) {
            double x = c.x() + c.r() * Math.cos(Math.toRadians(deg));
            double y = c.y() + c.r() * Math.sin(Math.toRadians(deg));
            if (x >= 0 && y >= 0 && x < w && y < h) {
                inside++;
            }
        }
        return inside / 72.0;
    }

    /** The integro-differential operator's value for one circle on the limbus arcs (mean clipped radial rise). */
    private static double circleEdge(float[] pixels, int w, int h, Circle c, double clip) {
        double sum = 0;
        int count = 0;
        for (int a = 0; a < LIMBUS_ARCS.length; a += 2) {
            for (double deg = LIMBUS_ARCS[a]; deg < LIMBUS_ARCS[a + 1]; deg += 2) {
                double cos = Math.cos(Math.toRadians(deg));
                double sin = Math.sin(Math.toRadians(deg));
                double d = 0;
                boolean inside = true;
                for (int j = 1; j <= LIMBUS_HALF_WIDTH && inside; j++) {
                    double xo = c.x() + (c.r() + j) * cos;
                    double yo = c.y() + (c.r() + j) * sin;
                    double xi = c.x() + (c.r() - j) * cos;
                    double yi = c.y() + (c.r() - j) * sin;
                    inside = xo >= 0 && yo >= 0 && xo < w - 1 && yo < h - 1 && xi >= 0 && yi >= 0 && xi < w - 1
                            && yi < h - 1;
                    if (inside) {
                        d += bilinear(pixels, w, xo, yo) - bilinear(pixels, w, xi, yi);
                    }
                }
                if (inside) {
                    sum += Math.max(-clip, Math.min(clip, d));
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /**
     * The image's grey-level range: the levels below which and above which {@link #RANGE_TAIL} of the pixels lie.
     * {@link #scale()} is the factor applied to every grey-level limit (1 at {@link #REFERENCE_RANGE}).
     */
    record Levels(int black, int white) {
        static Levels of(byte[] pixels) {
            int[] histogram = new int[256];
            for (byte b : pixels) {
                histogram[b & 0xFF]++;
            }
            long tail = (long) (pixels.length * RANGE_TAIL);
            int lo = 0;
            for (long seen = histogram[0]; seen <= tail && lo < 255; seen += histogram[++lo]) {
            }
            int hi = 255;
            for (long seen = histogram[255]; seen <= tail && hi > 0; seen += histogram[--hi]) {
            }
            return new Levels(lo, Math.max(lo, hi));
        }

        int range() {
            return white - black;
        }

        /** At least a quarter: below that the image is nearly blank, and the extractor has refused it already. */
        double scale() {
            return Math.max(0.25, range() / REFERENCE_RANGE);
        }
    }

    /**
     * The darkest round, uniform disc with the sharpest edge over a sweep of thresholds. In each, every dark region
     * gives two candidates: its inscribed disc (lashes or a shadow merged with the pupil change the region's
     * outline, not that disc) and its bounding circle (a pupil partly filled by a reflection or cut by a lash
     * inscribes a smaller, off-centre disc). Each is scored by its circular edge strength minus the robust spread
     * of the grey levels inside it ({@link #discSpread}), weighted by sqrt({@link #MIN_PUPIL_RADIUS} / r): a pupil is
     * uniformly dark inside, while a gap between lashes, the shadow at an eye corner or a dark patch of skin holds
     * lashes, skin or texture, so that a sharp edge alone no longer wins (on IITD such discs at the image's border
     * beat 16 pupils, which were then refused). The weight falls with the radius: a real pupil shades smoothly
     * across its width (CASIA-Iris-Interval's illuminator glow, 60-102 grey levels inside one pupil), which says
     * nothing against it, while the spread of a lash-sized disc tells. Weighted by sqrt(r / 12) instead, the glow
     * cost 81 CASIA-Iris-Interval pupils their choice (docs/iris.md); the choice stays the same for any weight
     * from 0.5x to 2x this one.
     */
    private static Circle pupilCandidate(OpenCv cv, Mat clean, float[] smooth, int w, int h, double k) {
        // at half resolution: the pupil is large, and the threshold sweep costs a quarter
        Mat half = cv.mat();
        Imgproc.pyrDown(clean, half);
        Mat blurred = cv.mat();
        Imgproc.GaussianBlur(half, blurred, new Size(0, 0), 1.5);
        double minVal = Core.minMaxLoc(blurred).minVal;
        Mat bin = cv.mat();
        Mat padded = cv.mat();
        Mat distance = cv.mat();
        Mat fill = cv.track(Mat.zeros(half.rows() + 2, half.cols() + 2, CvType.CV_8UC1));
        Mat kernel = cv.track(Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(3, 3)));
        double maxRadius = MAX_PUPIL_FRACTION * Math.min(w, h);
        Circle best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double t = minVal + 6 * k; t <= minVal + 80 * k; t += 5 * k) {
            Imgproc.threshold(blurred, bin, t, 255, Imgproc.THRESH_BINARY_INV);
            Imgproc.morphologyEx(bin, bin, Imgproc.MORPH_OPEN, kernel);
            // The largest disc inside each dark region (distance transform maxima): lashes or a shadow merged
            // with the pupil change the region's outline, not the disc the pupil inscribes.
            Core.copyMakeBorder(bin, padded, 1, 1, 1, 1, Core.BORDER_CONSTANT, new org.opencv.core.Scalar(0));
            Imgproc.distanceTransform(padded, distance, Imgproc.DIST_L2, Imgproc.DIST_MASK_PRECISE);
            for (int n = 0; n < 3; n++) {
                Core.MinMaxLocResult max = Core.minMaxLoc(distance);
                double r = 2 * max.maxVal;
                if (r < MIN_PUPIL_RADIUS) {
                    break;
                }
                int lx = (int) max.maxLoc.x - 1;
                int ly = (int) max.maxLoc.y - 1;
                double cx = 2 * lx + 0.5;
                double cy = 2 * ly + 0.5;
                // suppress this region's centre before looking for the next one
                Imgproc.circle(distance, max.maxLoc, (int) Math.ceil(max.maxVal * 2), new org.opencv.core.Scalar(0), -1);
                Circle[] candidates = new Circle[2];
                if (r <= maxRadius) {
                    candidates[0] = new Circle(cx, cy, r);
                }
                // the region's bounding box: a flood fill of its pixels (8-connected) from the disc's centre, which
                // costs the region's size where labelling every region cost the image's
                fill.setTo(new org.opencv.core.Scalar(0));
                Rect region = new Rect();
                Imgproc.floodFill(bin, fill, new Point(lx, ly), new org.opencv.core.Scalar(255), region,
                        new org.opencv.core.Scalar(0), new org.opencv.core.Scalar(0),
                        8 | Imgproc.FLOODFILL_MASK_ONLY | (1 << 8));
                double bw = region.width;
                double bh = region.height;
                double br = Math.max(bw, bh);
                double bx = 2 * (region.x + (bw - 1) / 2) + 0.5;
                double by = 2 * (region.y + (bh - 1) / 2) + 0.5;
                if (br <= maxRadius && (br - r > 2 || Math.hypot(bx - cx, by - cy) > 2)) {
                    candidates[1] = new Circle(bx, by, br);
                }
                for (Circle c : candidates) {
                    if (c == null) {
                        continue;
                    }
                    double edge = edgeStrength(smooth, w, h, c.x(), c.y(), c.r(), k);
                    if (edge < MIN_PUPIL_EDGE * k) {
                        continue;
                    }
                    double score = edge - discSpread(smooth, w, h, c, INSIDE_FRACTION) * Math.sqrt(MIN_PUPIL_RADIUS / c.r());
                    if (score > bestScore) {
                        bestScore = score;
                        best = c;
                    }
                }
            }
        }
        return best;
    }

    /** For a normal distribution the 10th-90th percentile range is this many standard deviations. */
    private static final double PERCENTILE_SPREAD_PER_SIGMA = 2.563;

    /**
     * A robust spread of the grey levels in the disc of {@code fraction}·r around c (every other pixel, rounded
     * grey levels): the 10th-90th percentile range divided by {@value #PERCENTILE_SPREAD_PER_SIGMA}, which is the
     * standard deviation for normally distributed levels, but not moved by the few bright pixels of a reflection
     * remnant or an LED ring (up to a tenth of the disc).
     */
    static double discSpread(float[] pixels, int w, int h, Circle c, double fraction) {
        int[] histogram = new int[256];
        double radius = c.r() * fraction;
        int x0 = (int) Math.max(0, Math.ceil(c.x() - radius));
        int x1 = (int) Math.min(w - 1, Math.floor(c.x() + radius));
        int y0 = (int) Math.max(0, Math.ceil(c.y() - radius));
        int y1 = (int) Math.min(h - 1, Math.floor(c.y() + radius));
        int count = 0;
        double r2 = radius * radius;
        for (int y = y0; y <= y1; y += 2) {
            double dy = y - c.y();
            for (int x = x0; x <= x1; x += 2) {
                double dx = x - c.x();
                if (dx * dx + dy * dy <= r2) {
                    histogram[Math.max(0, Math.min(255, Math.round(pixels[y * w + x])))]++;
                    count++;
                }
            }
        }
        return count == 0 ? 0 : percentileSpread(histogram, count);
    }

    /** (P90 - P10) / {@value #PERCENTILE_SPREAD_PER_SIGMA} of a 256-bin histogram holding {@code count} values. */
    static double percentileSpread(int[] histogram, int count) {
        long low = (long) Math.floor(0.1 * (count - 1));
        long high = (long) Math.floor(0.9 * (count - 1));
        int p10 = -1;
        int p90 = -1;
        long seen = 0;
        for (int v = 0; v < 256 && p90 < 0; v++) {
            seen += histogram[v];
            if (p10 < 0 && seen > low) {
                p10 = v;
            }
            if (seen > high) {
                p90 = v;
            }
        }
        return (p90 - p10) / PERCENTILE_SPREAD_PER_SIGMA;
    }

    /** Grey levels over the ring [r0, r1] around c, on the given arcs (degrees), sampled every 2° and 1 px. */
    static double[] arcSamples(float[] pixels, int w, int h, Circle c, double r0, double r1, double[] arcs) {
        java.util.ArrayList<Double> samples = new java.util.ArrayList<>();
        for (int a = 0; a < arcs.length; a += 2) {
            for (double deg = arcs[a]; deg < arcs[a + 1]; deg += 2) {
                double cos = Math.cos(Math.toRadians(deg));
                double sin = Math.sin(Math.toRadians(deg));
                for (double r = Math.max(0, r0); r <= r1; r += 1) {
                    double x = c.x() + r * cos;
                    double y = c.y() + r * sin;
                    if (x >= 0 && y >= 0 && x < w - 1 && y < h - 1) {
                        samples.add(bilinear(pixels, w, x, y));
                    }
                }
            }
        }
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double mean(double[] samples) {
        double sum = 0;
        for (double v : samples) {
            sum += v;
        }
        return samples.length == 0 ? 0 : sum / samples.length;
    }

    /**
     * Fraction of the arcs' angles (every 3°) along which the grey level rises by 10+ (at the reference range,
     * scaled by k) across the circle (±4 px).
     */
    static double edgeCoverage(float[] pixels, int w, int h, Circle c, double[] arcs, double k) {
        int rising = 0;
        int count = 0;
        for (int a = 0; a < arcs.length; a += 2) {
            for (double deg = arcs[a]; deg < arcs[a + 1]; deg += 3) {
                double cos = Math.cos(Math.toRadians(deg));
                double sin = Math.sin(Math.toRadians(deg));
                double xi = c.x() + (c.r() - 4) * cos;
                double yi = c.y() + (c.r() - 4) * sin;
                double xo = c.x() + (c.r() + 4) * cos;
                double yo = c.y() + (c.r() + 4) * sin;
                if (xi >= 0 && yi >= 0 && xo >= 0 && yo >= 0 && xi < w - 1 && xo < w - 1 && yi < h - 1 && yo < h - 1) {
                    count++;
                    if (bilinear(pixels, w, xo, yo) - bilinear(pixels, w, xi, yi) >= 10 * k) {
                        rising++;
                    }
                }
            }
        }
        return count == 0 ? 0 : rising / (double) count;
    }

    /** The 64 directions {@link #edgeStrength} samples, computed once: the trigonometry cost more than the samples. */
    private static final double[] EDGE_COS = new double[64];
    private static final double[] EDGE_SIN = new double[64];

    static {
        for (int a = 0; a < 64; a++) {
            EDGE_COS[a] = Math.cos(a * Math.PI / 32);
            EDGE_SIN[a] = Math.sin(a * Math.PI / 32);
        }
    }

    /**
     * The strongest mean dark-to-bright rise across circles of radius 0.85r..1.15r around (cx, cy), each sample's
     * rise clipped at {@link #PUPIL_EDGE_CLIP} (scaled by k): a pupil's edge holds all around, while a gap between
     * lashes or the shadow at an eye corner is very dark against very bright skin on a few sides only. The whole
     * circle must lie in the image: a pupil cut by the border leaves no iris to code around it.
     */
    private static double edgeStrength(float[] pixels, int w, int h, double cx, double cy, double r, double k) {
        double clip = PUPIL_EDGE_CLIP * k;
        double best = 0;
        for (double radius = r * 0.85; radius <= r * 1.15; radius += 1) {
            double sum = 0;
            int count = 0;
            for (int a = 0; a < 64; a++) {
                double cos = EDGE_COS[a];
                double sin = EDGE_SIN[a];
                double xi = cx + (radius - 2) * cos;
                double yi = cy + (radius - 2) * sin;
                double xo = cx + (radius + 2) * cos;
                double yo = cy + (radius + 2) * sin;
                if (xi >= 0 && yi >= 0 && xo >= 0 && yo >= 0 && xi < w - 1 && xo < w - 1 && yi < h - 1 && yo < h - 1) {
                    sum += Math.min(clip, bilinear(pixels, w, xo, yo) - bilinear(pixels, w, xi, yi));
                    count++;
                }
            }
            if (count == 64) {
                best = Math.max(best, sum / count);
            }
        }
        return best;
    }

    /**
     * Daugman's integro-differential operator: over centres within {@code range} px of (x0, y0) and radii in
     * [rMin, rMax], the circle whose grey level along the given arcs rises most steeply outwards (a dark disc
     * inside a brighter ring). The radial derivative is taken over +-2 px and clipped per sample at
     * {@code clip} grey levels, so that a circle is preferred whose edge holds all along the arcs to one that
     * crosses a very bright eyelid or eye corner at a few angles.
     */
    static Circle integroDifferential(float[] pixels, int w, int h, double x0, double y0, int range,
                                      double rMin, double rMax, double[] arcsDegrees, int samples, int halfWidth,
                                      double clip) {
        if (range <= 3) {
            return integroDifferential(pixels, w, h, x0, y0, range, 1, rMin, rMax, arcsDegrees, samples, halfWidth, clip);
        }
        // coarse to fine: a 3-px grid of centres, then every centre around the best one
        Circle coarse = integroDifferential(pixels, w, h, x0, y0, range, 3, rMin, rMax, arcsDegrees, samples,
                halfWidth, clip);
        if (coarse == null) {
            return null;
        }
        return integroDifferential(pixels, w, h, coarse.x(), coarse.y(), 2, 1,
                Math.max(rMin, coarse.r() - 6), Math.min(rMax, coarse.r() + 6), arcsDegrees, samples, halfWidth, clip);
    }

    private static Circle integroDifferential(float[] pixels, int w, int h, double x0, double y0, int range, int step,
                                              double rMin, double rMax, double[] arcsDegrees, int samples,
                                              int halfWidth, double clip) {
        int radii = (int) Math.floor(rMax - rMin) + 1;
        if (radii < 2 * halfWidth + 1) {
            return null;
        }
        double[] cos = new double[samples];
        double[] sin = new double[samples];
        double total = 0;
        for (int a = 0; a < arcsDegrees.length; a += 2) {
            total += arcsDegrees[a + 1] - arcsDegrees[a];
        }
        for (int k = 0; k < samples; k++) {
            double pos = (k + 0.5) * total / samples;
            double angle = 0;
            for (int a = 0; a < arcsDegrees.length; a += 2) {
                double len = arcsDegrees[a + 1] - arcsDegrees[a];
                if (pos < len) {
                    angle = arcsDegrees[a] + pos;
                    break;
                }
                pos -= len;
            }
            cos[k] = Math.cos(Math.toRadians(angle));
            sin[k] = Math.sin(Math.toRadians(angle));
        }
        float[] values = new float[samples * radii];
        double[] derivative = new double[samples];
        double bestScore = Double.NEGATIVE_INFINITY;
        Circle best = null;
        for (int dy = -range; dy <= range; dy += step) {
            for (int dx = -range; dx <= range; dx += step) {
                double cx = x0 + dx;
                double cy = y0 + dy;
                // From a centre inside the image, a ray that has left it stays out (the sample positions grow
                // monotonically with the radius), so once a circle has fewer than 3/4 of its samples inside, so has
                // every larger one, and every candidate reaching it fails the 3/4 test below: sampling stops there.
                boolean inside = cx >= 0 && cy >= 0 && cx < w - 1 && cy < h - 1;
                int sampled = radii;
                // radius-major, so that both loops below run along memory (the arithmetic is as before)
                for (int i = 0; i < radii; i++) {
                    double r = rMin + i;
                    int row = i * samples;
                    int valid = 0;
                    for (int k = 0; k < samples; k++) {
                        double x = cx + r * cos[k];
                        double y = cy + r * sin[k];
                        if (x >= 0 && y >= 0 && x < w - 1 && y < h - 1) {
                            values[row + k] = (float) bilinear(pixels, w, x, y);
                            valid++;
                        } else {
                            values[row + k] = Float.NaN;
                        }
                    }
                    if (inside && valid * 4 < samples * 3) {
                        sampled = i + 1;
                        break;
                    }
                }
                for (int i = halfWidth; i < sampled - halfWidth; i++) {
                    // the radial derivative of every sample first, row against row (a loop the JIT vectorises),
                    // then their clipped sum in sample order: the same additions in the same order as before
                    Arrays.fill(derivative, 0);
                    for (int j = 1; j <= halfWidth; j++) {
                        int outer = (i + j) * samples;
                        int inner = (i - j) * samples;
                        for (int k = 0; k < samples; k++) {
                            derivative[k] += values[outer + k] - values[inner + k];
                        }
                    }
                    double sum = 0;
                    int count = 0;
                    for (int k = 0; k < samples; k++) {
                        double d = derivative[k];
                        if (!Double.isNaN(d)) {
                            sum += Math.max(-clip, Math.min(clip, d));
                            count++;
                        }
                    }
                    if (count * 4 < samples * 3) {
                        continue;
                    }
                    double score = sum / count;
                    if (score > bestScore) {
                        bestScore = score;
                        best = new Circle(cx, cy, rMin + i);
                    }
                }
            }
        }
        return best;
    }

    static double bilinear(float[] pixels, int w, double x, double y) {
        int x0 = (int) x;
        int y0 = (int) y;
        double fx = x - x0;
        double fy = y - y0;
        int i = y0 * w + x0;
        double top = pixels[i] + (pixels[i + 1] - pixels[i]) * fx;
        double bottom = pixels[i + w] + (pixels[i + w + 1] - pixels[i + w]) * fx;
        return top + (bottom - top) * fy;
    }

    private static float[] toFloat(byte[] bytes) {
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }

    /** Reflections, eyelids and eyelashes inside the iris ring; everything outside the ring is noise too. */
    private static byte[] noiseMap(float[] pixels, byte[] reflections, int w, int h, Circle pupil, Circle iris,
                                   double k) {
        byte[] noise = new byte[w * h];
        for (int i = 0; i < noise.length; i++) {
            if (reflections[i] != 0) {
                noise[i] = 1;
            }
        }
        Eyelid upper = eyelid(pixels, w, h, pupil, iris, true, k);
        Eyelid lower = eyelid(pixels, w, h, pupil, iris, false, k);
        // Lashes: pixels in the ring much darker than the ring's median grey level.
        float[] ring = new float[w * h];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (inRing(x, y, pupil, iris) && noise[y * w + x] == 0
                        && !upper.covers(x, y) && !lower.covers(x, y)) {
                    ring[n++] = pixels[y * w + x];
                }
            }
        }
        Arrays.sort(ring, 0, n);
        double median = n == 0 ? 0 : ring[n / 2];
        double lashLevel = median * LASH_DARKNESS;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (upper.covers(x, y) || lower.covers(x, y) || pixels[i] < lashLevel) {
                    noise[i] = 1;
                }
            }
        }
        return noise;
    }

    private static boolean inRing(int x, int y, Circle pupil, Circle iris) {
        // squared distances: Math.hypot (exact to an ulp, which no pixel needs) took a fifth of the extraction
        return pupil.squaredDistanceTo(x, y) > pupil.r() * pupil.r()
                && iris.squaredDistanceTo(x, y) < iris.r() * iris.r();
    }

    /** An eyelid edge y = apexY + curvature·(x - apexX)², covering everything beyond it (above for the upper lid). */
    record Eyelid(double apexX, double apexY, double curvature, boolean upper, boolean present) {
        boolean covers(int x, int y) {
            if (!present) {
                return false;
            }
            double edge = apexY + (upper ? 1 : -1) * curvature * (x - apexX) * (x - apexX);
            return upper ? y < edge : y > edge;
        }
    }

    /**
     * The eyelid edge between limbus and pupil: the parabola (apex above/below the pupil) along which the
     * vertical grey-level derivative is strongest on average. An eyelid is brighter than the iris in NIR; its
     * edge is where the iris ends. When no edge is clearly stronger than the iris's own texture, the lid does
     * not cover the iris.
     */
    private static Eyelid eyelid(float[] pixels, int w, int h, Circle pupil, Circle iris, boolean upper, double k) {
        double from = upper ? iris.y() - iris.r() : pupil.y() + pupil.r();
        double to = upper ? pupil.y() - pupil.r() : iris.y() + iris.r();
        double apexRange = iris.r() * EYELID_APEX_SHIFT;
        double curvatureStep = MAX_EYELID_CURVATURE / 5;
        // coarse grid first (every 2nd row, every 4th column sampled), then every row around the best
        Eyelid best = null;
        double bestScore = 0;
        // a tilted head or a sideways look moves the lid's highest (lowest) point off the iris centre
        for (double apexX = iris.x() - apexRange; apexX <= iris.x() + apexRange + 1e-9; apexX += Math.max(2, apexRange / 5)) {
            for (double curvature = 0; curvature <= MAX_EYELID_CURVATURE + 1e-9; curvature += curvatureStep) {
                for (double apexY = from; apexY <= to; apexY += 2) {
                    double score = eyelidEdge(pixels, w, h, pupil, iris, upper, apexX, apexY, curvature, 4);
                    if (score > bestScore) {
                        bestScore = score;
                        best = new Eyelid(apexX, apexY, curvature, upper, true);
                    }
                }
            }
        }
        if (best == null) {
            return new Eyelid(iris.x(), 0, 0, upper, false);
        }
        Eyelid coarse = best;
        bestScore = 0;
        for (double apexY = coarse.apexY() - 2; apexY <= coarse.apexY() + 2; apexY += 1) {
            for (double curvature = Math.max(0, coarse.curvature() - curvatureStep / 2);
                 curvature <= coarse.curvature() + curvatureStep / 2 + 1e-9; curvature += curvatureStep / 2) {
                double score = eyelidEdge(pixels, w, h, pupil, iris, upper, coarse.apexX(), apexY, curvature, 2);
                if (score > bestScore) {
                    bestScore = score;
                    best = new Eyelid(coarse.apexX(), apexY, curvature, upper, true);
                }
            }
        }
        return bestScore >= EYELID_MIN_EDGE * k ? best : new Eyelid(iris.x(), 0, 0, upper, false);
    }

    /**
     * Mean vertical contrast across a candidate lid edge inside the iris: positive when the lid side is brighter
     * than the iris side. Points near the limbus and the pupil edge are left out: those are edges of the same
     * polarity that no lid makes. NaN-free: 0 when too few points lie inside the ring.
     */
    private static double eyelidEdge(float[] pixels, int w, int h, Circle pupil, Circle iris, boolean upper,
                                     double apexX, double apexY, double curvature, int step) {
        double sum = 0;
        int count = 0;
        double halfWidth = iris.r() * 0.9;
        for (double x = iris.x() - halfWidth; x <= iris.x() + halfWidth; x += step) {
            double y = apexY + (upper ? 1 : -1) * curvature * (x - apexX) * (x - apexX);
            if (x < 1 || x >= w - 2 || y < 3 || y >= h - 4) {
                continue;
            }
            double limbusReach = iris.r() - EYELID_LIMBUS_MARGIN;
            double pupilReach = pupil.r() + 6;
            if (iris.squaredDistanceTo(x, y) > limbusReach * limbusReach
                    || pupil.squaredDistanceTo(x, y) < pupilReach * pupilReach) {
                continue;
            }
            double outside = bilinear(pixels, w, x, upper ? y - 2 : y + 2);
            double inside = bilinear(pixels, w, x, upper ? y + 2 : y - 2);
            sum += outside - inside;
            count++;
        }
        return count * step < 24 ? 0 : sum / count;
    }
}
