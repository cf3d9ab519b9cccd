package id.satunik.matcher;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;

/**
 * Encodes the unwrapped iris with a quadrature pair of 2-D Gabor filters into phase bits: at every sample point
 * of the code grid, the signs of the even (real) and odd (imaginary) filter responses give two bits (Daugman's
 * phase-quadrant code). A coefficient is kept in the mask only when the noise weight under the filter's envelope
 * is small, so that eyelids and reflections do not produce bits.
 *
 * <p>Bit layout (see {@link IrisCode}): row-major coefficients, one row = {@link IrisCode#COLUMNS} bits =
 * 2 words; the real plane fills words [0, PLANE_WORDS), the imaginary plane the next PLANE_WORDS words, and the
 * mask has the coefficient layout of one plane.
 *
 * <p>Thread-safe: stateless.
 */
final class IrisEncoder {
    /*
     * Filter chosen by measured accuracy on CASIA-Iris-Interval (sweeps in docs/iris.md): wavelength 18 of the
     * 256 polar columns (14 cycles around the iris; 8 / 12 / 24 / 32 were worse), a short envelope along the angle
     * (sigma 0.3 wavelength: broad bandwidth, EER 1.5% -> 1.0% against 0.5) and a thin one along the radius
     * (sigma 2 of 32 polar rows, so that the 8 code rows, 4 polar rows apart, see mostly their own band).
     */
    /** Wavelength along the angle, in polar columns. */
    static final double WAVELENGTH = 18;
    /** Envelope sigma along the angle, in wavelengths. */
    static final double SIGMA_ANGULAR = 0.3;
    /** Envelope sigma along the radius, in polar rows. */
    static final double SIGMA_RADIAL = 2;
    /** A coefficient whose envelope carries more noise weight than this is masked (0.1 .. 0.25 all within noise). */
    static final double MAX_NOISE = 0.15;

    record Encoded(long[] code, long[] mask, int usable) {
    }

    static Encoded encode(OpenCv cv, RubberSheet.Polar polar) {
        int rows = polar.rows();
        int cols = polar.columns();
        Mat image = cv.track(new Mat(rows, cols, CvType.CV_32FC1));
        image.put(0, 0, polar.image());
        Mat noise = cv.track(new Mat(rows, cols, CvType.CV_32FC1));
        noise.put(0, 0, polar.noise());

        double sx = SIGMA_ANGULAR * WAVELENGTH;
        double sy = SIGMA_RADIAL;
        int hx = (int) Math.ceil(3 * sx);
        int hy = (int) Math.ceil(3 * sy);
        Mat even = cv.track(new Mat(2 * hy + 1, 2 * hx + 1, CvType.CV_32FC1));
        Mat odd = cv.track(new Mat(2 * hy + 1, 2 * hx + 1, CvType.CV_32FC1));
        Mat envelope = cv.track(new Mat(2 * hy + 1, 2 * hx + 1, CvType.CV_32FC1));
        float[] e = new float[(2 * hy + 1) * (2 * hx + 1)];
        float[] o = new float[e.length];
        float[] g = new float[e.length];
        double evenSum = 0;
        double gSum = 0;
        for (int y = -hy; y <= hy; y++) {
            for (int x = -hx; x <= hx; x++) {
                int k = (y + hy) * (2 * hx + 1) + (x + hx);
                double gauss = Math.exp(-0.5 * (x * x / (sx * sx) + y * y / (sy * sy)));
                double phase = 2 * Math.PI * x / WAVELENGTH;
                g[k] = (float) gauss;
                e[k] = (float) (gauss * Math.cos(phase));
                o[k] = (float) (gauss * Math.sin(phase));
                evenSum += e[k];
                gSum += gauss;
            }
        }
        // Zero DC: the even filter must not respond to the local mean grey level, only to texture.
        for (int k = 0; k < e.length; k++) {
            e[k] -= (float) (g[k] * evenSum / gSum);
            g[k] /= (float) gSum;
        }
        even.put(0, 0, e);
        odd.put(0, 0, o);
        envelope.put(0, 0, g);

        Mat padded = wrapPad(cv, image, hx, hy);
        Mat paddedNoise = wrapPad(cv, noise, hx, hy);
        Mat re = cv.mat();
        Mat im = cv.mat();
        Mat nz = cv.mat();
        Point anchor = new Point(-1, -1);
        Imgproc.filter2D(padded, re, CvType.CV_32F, even, anchor, 0, Core.BORDER_CONSTANT);
        Imgproc.filter2D(padded, im, CvType.CV_32F, odd, anchor, 0, Core.BORDER_CONSTANT);
        Imgproc.filter2D(paddedNoise, nz, CvType.CV_32F, envelope, anchor, 0, Core.BORDER_CONSTANT);
        int pw = cols + 2 * hx;
        float[] reV = OpenCv.floats(re);
        float[] imV = OpenCv.floats(im);
        float[] nzV = OpenCv.floats(nz);

        long[] code = new long[IrisCode.CODE_WORDS];
        long[] mask = new long[IrisCode.MASK_WORDS];
        int usable = 0;
        for (int r = 0; r < IrisCode.ROWS; r++) {
            int py = (int) ((r + 0.5) * rows / IrisCode.ROWS) + hy;
            for (int c = 0; c < IrisCode.COLUMNS; c++) {
                int px = (int) ((c + 0.5) * cols / IrisCode.COLUMNS) + hx;
                int k = py * pw + px;
                int bit = r * IrisCode.COLUMNS + c;
                int word = bit >>> 6;
                long m = 1L << (bit & 63);
                if (reV[k] > 0) {
                    code[word] |= m;
                }
                if (imV[k] > 0) {
                    code[IrisCode.PLANE_WORDS + word] |= m;
                }
                if (nzV[k] <= MAX_NOISE) {
                    mask[word] |= m;
                    usable++;
                }
            }
        }
        return new Encoded(code, mask, usable);
    }

    /** Pads circularly along the angle (the ring has no seam) and by reflection along the radius. */
    private static Mat wrapPad(OpenCv cv, Mat src, int hx, int hy) {
        Mat vertical = cv.mat();
        Core.copyMakeBorder(src, vertical, hy, hy, 0, 0, Core.BORDER_REFLECT);
        Mat both = cv.mat();
        Core.copyMakeBorder(vertical, both, 0, 0, hx, hx, Core.BORDER_WRAP);
        return both;
    }
}
