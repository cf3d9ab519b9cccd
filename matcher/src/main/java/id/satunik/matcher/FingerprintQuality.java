package id.satunik.matcher;

import java.util.Locale;

/**
 * A fingerprint quality measure in the spirit of NFIQ 2 (ISO/IEC 29794-4), from the image and the minutiae found
 * in it: the image is cut into blocks of about 0.8 mm (16 px at 500 dpi); a block is foreground when its grey levels
 * vary, and a <em>ridge block</em> when, in addition, its gradients agree on one orientation (orientation coherence,
 * as NFIQ 2's OCL) and the grey level crosses its mean along that orientation's normal at a fingerprint's ridge
 * period (0.25-0.85 mm, NFIQ 2's FDA/ridge frequency). Its features:
 *
 * <ul>
 *   <li>{@link #foreground}: fraction of blocks with grey-level deviation (NFIQ 2's foreground area);</li>
 *   <li>{@link #coherence}: mean orientation coherence over foreground blocks (0-1);</li>
 *   <li>{@link #ridgeArea}: fraction of all blocks that are ridge blocks;</li>
 *   <li>{@link #orientationSpread}: how much the ridge blocks' orientations differ (0: all one way, stripes);</li>
 *   <li>{@link #minutiae}: minutiae the extractor found (NFIQ 2's minutiae count);</li>
 *   <li>{@link #reliableMinutiae}: fraction of them in a ridge block whose orientation certainty (NFIQ 2's
 *       OCL, 1 - λmin/λmax of the gradient tensor) is at least {@value #RELIABLE_CERTAINTY}, as NFIQ 2's OCL-based
 *       minutiae quality counts them; a minutia on noise, a scar or the print's edge is unreliable;</li>
 *   <li>{@link #score}: 0-100, the mean of three parts each scaled to 0-100: ridge area (50 % ridge blocks or more
 *       is full marks), minutiae count ({@value #FULL_MINUTIAE} or more is full marks: a plain impression of a whole
 *       fingertip holds 40-100) and minutia reliability. Without minutiae (the image-only measure the refusal rule
 *       uses) it is the ridge-area part alone.</li>
 * </ul>
 *
 * An eye, a face or a striped pattern has large foreground but few blocks that are both coherent and at a ridge
 * period, so {@link #ridgeArea} tells fingerprints from other images; the threshold is set in
 * {@link FingerprintExtractor} from measurements on the shared FVC and CASIA sets (docs/design.md). The refusal
 * uses the image features only; the minutiae features add to the score.
 *
 * <p>Immutable value type; thread-safe.
 */
public record FingerprintQuality(double foreground, double coherence, double ridgeArea, double orientationSpread,
                                 int minutiae, double reliableMinutiae, double score) {
    /** Grey-level deviation from which a block holds something (as the extractor's blank-image check). */
    static final double BLOCK_CONTRAST = 8.0;
    /** Orientation coherence from which a block's gradients agree on one ridge direction. */
    static final double MIN_COHERENCE = 0.45;
    /** Fingerprint ridge period in millimetres (NIST's ridge frequency range for adult and child prints). */
    static final double MIN_PERIOD_MM = 0.25;
    static final double MAX_PERIOD_MM = 0.85;
    /**
     * Local orientation certainty (1 - λmin/λmax, NFIQ 2's OCL) from which a minutia counts as reliable: NFIQ 2's
     * OCL-based minutiae quality feature counts the minutiae whose local OCL is at least 80 %.
     */
    static final double RELIABLE_CERTAINTY = 0.8;
    /** Minutiae from which the count part scores full marks (a whole plain fingertip holds 40-100). */
    static final int FULL_MINUTIAE = 40;
    /** Ridge-block fraction from which the area part scores full marks (a fingertip fills about half a plain capture). */
    static final double FULL_RIDGE_AREA = 0.5;

    /** The image-only measure (no minutiae): what the refusal of non-fingerprints rests on. */
    static FingerprintQuality of(GrayImage image, int dpi) {
        return of(image, dpi, null);
    }

    /** The image's quality and that of the minutiae extracted from it (coordinates at 500 dpi, as SourceAFIS's). */
    static FingerprintQuality of(GrayImage image, int dpi, FingerMinutiae found) {
        return measure(image, dpi, found);
    }

    /** The parts of the score without an image (a minutia template): count only, the rest unknown. */
    static FingerprintQuality ofTemplate(FingerMinutiae found) {
        double count = Math.min(1, found.count() / (double) FULL_MINUTIAE);
        return new FingerprintQuality(Double.NaN, Double.NaN, Double.NaN, Double.NaN, found.count(), Double.NaN,
                100 * count);
    }

    /** As reported in decisions. */
    public id.satunik.FingerQuality report(id.satunik.FingerPosition position) {
        return new id.satunik.FingerQuality(position, Math.round(score * 10) / 10.0, ridgeArea, coherence, minutiae,
                reliableMinutiae);
    }

    /** Block kinds in {@link #withBlocks}'s map. */
    static final byte BACKGROUND = 0;
    static final byte FOREGROUND = 1;
    static final byte RIDGE = 2;

    /**
     * The image-only measure, also writing each block's kind ({@link #BACKGROUND}, {@link #FOREGROUND} without
     * ridges, {@link #RIDGE}) into {@code blockKinds}: row-major, {@code width / blockSide(dpi)} blocks a row,
     * {@code height / blockSide(dpi)} rows (the right and bottom remainders are no block). For the eye test, which
     * asks where in the image the ridge blocks lie.
     */
    static FingerprintQuality withBlocks(GrayImage image, int dpi, byte[] blockKinds) {
        return measure(image, dpi, null, blockKinds);
    }

    /** The side of a measuring block in pixels: about 0.8 mm at the image's resolution. */
    static int blockSide(int dpi) {
        return Math.max(8, (int) Math.round(16.0 * dpi / 500));
    }

    private static FingerprintQuality measure(GrayImage image, int dpi, FingerMinutiae found) {
        return measure(image, dpi, found, null);
    }

    private static FingerprintQuality measure(GrayImage image, int dpi, FingerMinutiae found, byte[] kinds) {
        int block = blockSide(dpi);
        double pxPerMm = dpi / 25.4;
        double minPeriod = MIN_PERIOD_MM * pxPerMm;
        double maxPeriod = MAX_PERIOD_MM * pxPerMm;
        int bw = image.width() / block;
        int bh = image.height() / block;
        if (bw < 1 || bh < 1) {
            return new FingerprintQuality(0, 0, 0, 0, found == null ? 0 : found.count(), found == null ? Double.NaN : 0, 0);
        }
        // ridge blocks with orientation certainty >= RELIABLE_CERTAINTY: where a minutia is reliable
        boolean[] reliable = new boolean[bw * bh];
        byte[] p = image.pixels();
        int width = image.width();
        int foreground = 0;
        int ridge = 0;
        double coherenceSum = 0;
        double cos2 = 0;
        double sin2 = 0;
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                int x0 = bx * block;
                int y0 = by * block;
                double sum = 0;
                double sumSq = 0;
                for (int y = y0; y < y0 + block; y++) {
                    for (int x = x0; x < x0 + block; x++) {
                        int v = p[y * width + x] & 0xFF;
                        sum += v;
                        sumSq += (double) v * v;
                    }
                }
                double n = (double) block * block;
                double mean = sum / n;
                double deviation = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
                if (deviation < BLOCK_CONTRAST) {
                    continue;
                }
                foreground++;
                if (kinds != null) {
                    kinds[by * bw + bx] = FOREGROUND;
                }
                double gxx = 0;
                double gyy = 0;
                double gxy = 0;
                for (int y = Math.max(1, y0); y < Math.min(image.height() - 1, y0 + block); y++) {
                    for (int x = Math.max(1, x0); x < Math.min(width - 1, x0 + block); x++) {
                        double gx = (p[y * width + x + 1] & 0xFF) - (p[y * width + x - 1] & 0xFF);
                        double gy = (p[(y + 1) * width + x] & 0xFF) - (p[(y - 1) * width + x] & 0xFF);
                        gxx += gx * gx;
                        gyy += gy * gy;
                        gxy += gx * gy;
                    }
                }
                double energy = gxx + gyy;
                double coherence = energy <= 0 ? 0 : Math.sqrt((gxx - gyy) * (gxx - gyy) + 4 * gxy * gxy) / energy;
                coherenceSum += coherence;
                if (coherence < MIN_COHERENCE) {
                    continue;
                }
                // the gradient direction is the ridges' normal: count mean crossings along it through the centre
                double angle = 0.5 * Math.atan2(2 * gxy, gxx - gyy);
                double dx = Math.cos(angle);
                double dy = Math.sin(angle);
                double cx = x0 + block / 2.0;
                double cy = y0 + block / 2.0;
                int half = block; // a line two blocks long, clipped to the image
                int crossings = 0;
                int length = 0;
                int previous = 0;
                for (int t = -half; t <= half; t++) {
                    int x = (int) Math.round(cx + t * dx);
                    int y = (int) Math.round(cy + t * dy);
                    if (x < 0 || y < 0 || x >= width || y >= image.height()) {
                        continue;
                    }
                    int sign = (p[y * width + x] & 0xFF) >= mean ? 1 : -1;
                    if (previous != 0 && sign != previous) {
                        crossings++;
                    }
                    previous = sign;
                    length++;
                }
                double period = crossings == 0 ? Double.POSITIVE_INFINITY : 2.0 * length / crossings;
                if (period >= minPeriod && period <= maxPeriod) {
                    ridge++;
                    if (kinds != null) {
                        kinds[by * bw + bx] = RIDGE;
                    }
                    // NFIQ 2's orientation certainty is 1 - λmin/λmax of the gradient tensor; coherence here is
                    // (λmax - λmin)/(λmax + λmin), so certainty = 2c / (1 + c)
                    reliable[by * bw + bx] = 2 * coherence / (1 + coherence) >= RELIABLE_CERTAINTY;
                    cos2 += Math.cos(2 * angle);
                    sin2 += Math.sin(2 * angle);
                }
            }
        }
        double blocks = (double) bw * bh;
        double ridgeArea = ridge / blocks;
        // 1 - the mean resultant length of the doubled ridge angles: 0 when every ridge runs one way (stripes)
        double spread = ridge == 0 ? 0 : 1 - Math.hypot(cos2, sin2) / ridge;
        double area = Math.min(1, ridgeArea / FULL_RIDGE_AREA);
        if (found == null) {
            return new FingerprintQuality(foreground / blocks, foreground == 0 ? 0 : coherenceSum / foreground,
                    ridgeArea, spread, 0, Double.NaN, 100 * area);
        }
        // minutia coordinates are at 500 dpi (SourceAFIS scales before extracting); back to this image's pixels
        double scale = dpi / 500.0;
        int inClearRidges = 0;
        for (int i = 0; i < found.count(); i++) {
            int bx = (int) (found.x(i) * scale) / block;
            int by = (int) (found.y(i) * scale) / block;
            if (bx >= 0 && by >= 0 && bx < bw && by < bh && reliable[by * bw + bx]) {
                inClearRidges++;
            }
        }
        double reliability = found.count() == 0 ? 0 : inClearRidges / (double) found.count();
        double count = Math.min(1, found.count() / (double) FULL_MINUTIAE);
        return new FingerprintQuality(foreground / blocks, foreground == 0 ? 0 : coherenceSum / foreground, ridgeArea,
                spread, found.count(), reliability, 100 * (area + count + reliability) / 3);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "quality %.0f (ridge area %.0f%%, foreground %.0f%%, coherence %.2f%s)", score,
                100 * ridgeArea, 100 * foreground, coherence, Double.isNaN(reliableMinutiae) ? ""
                        : String.format(Locale.ROOT, ", %d minutiae, %.0f%% reliable", minutiae, 100 * reliableMinutiae));
    }
}
