package id.satunik.matcher;

import java.util.Locale;

/**
 * A fingerprint quality measure in the spirit of NFIQ 2 (ISO/IEC 29794-4), from the image alone: the image is cut
 * into blocks of about 0.8 mm (16 px at 500 dpi); a block is foreground when its grey levels vary, and a
 * <em>ridge block</em> when, in addition, its gradients agree on one orientation (orientation coherence, as NFIQ 2's
 * OCL) and the grey level crosses its mean along that orientation's normal at a fingerprint's ridge period
 * (0.25-0.85 mm, NFIQ 2's FDA/ridge frequency). Its features:
 *
 * <ul>
 *   <li>{@link #foreground}: fraction of blocks with grey-level deviation (NFIQ 2's foreground area);</li>
 *   <li>{@link #coherence}: mean orientation coherence over foreground blocks (0-1);</li>
 *   <li>{@link #ridgeArea}: fraction of all blocks that are ridge blocks;</li>
 *   <li>{@link #score}: 0-100, the ridge area scaled so that 50 % ridge blocks score 100.</li>
 * </ul>
 *
 * An eye, a face or a striped pattern has large foreground but few blocks that are both coherent and at a ridge
 * period, so {@link #ridgeArea} tells fingerprints from other images; the threshold is set in
 * {@link FingerprintExtractor} from measurements on the shared FVC and CASIA sets (docs/design.md).
 *
 * <p>Immutable value type; thread-safe.
 */
public record FingerprintQuality(double foreground, double coherence, double ridgeArea, double orientationSpread,
                                 double score) {
    /** Grey-level deviation from which a block holds something (as the extractor's blank-image check). */
    static final double BLOCK_CONTRAST = 8.0;
    /** Orientation coherence from which a block's gradients agree on one ridge direction. */
    static final double MIN_COHERENCE = 0.45;
    /** Fingerprint ridge period in millimetres (NIST's ridge frequency range for adult and child prints). */
    static final double MIN_PERIOD_MM = 0.25;
    static final double MAX_PERIOD_MM = 0.85;

    static FingerprintQuality of(GrayImage image, int dpi) {
        int block = Math.max(8, (int) Math.round(16.0 * dpi / 500));
        double pxPerMm = dpi / 25.4;
        double minPeriod = MIN_PERIOD_MM * pxPerMm;
        double maxPeriod = MAX_PERIOD_MM * pxPerMm;
        int bw = image.width() / block;
        int bh = image.height() / block;
        if (bw < 1 || bh < 1) {
            return new FingerprintQuality(0, 0, 0, 0, 0);
        }
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
                    cos2 += Math.cos(2 * angle);
                    sin2 += Math.sin(2 * angle);
                }
            }
        }
        double blocks = (double) bw * bh;
        double ridgeArea = ridge / blocks;
        // 1 - the mean resultant length of the doubled ridge angles: 0 when every ridge runs one way (stripes)
        double spread = ridge == 0 ? 0 : 1 - Math.hypot(cos2, sin2) / ridge;
        return new FingerprintQuality(foreground / blocks, foreground == 0 ? 0 : coherenceSum / foreground, ridgeArea,
                spread, Math.min(100, 200 * ridgeArea));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "quality %.0f (ridge area %.0f%%, foreground %.0f%%, coherence %.2f)", score,
                100 * ridgeArea, 100 * foreground, coherence);
    }
}
