package id.satunik.matcher;

import id.satunik.matcher.IrisSegmentation.Circle;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Daugman's rubber-sheet model: the iris ring is unwrapped onto a fixed polar grid, each angle's ray running
 * from the pupil boundary to the limbus, so that pupil dilation and the non-concentric circles of a real eye
 * map to the same grid. Column 0 is the ray pointing right in the image; columns advance clockwise on screen.
 *
 * <p>Thread-safe: stateless.
 */
final class RubberSheet {
    /** Radial samples between pupil and limbus. */
    static final int ROWS = 32;
    /** Angular samples around the ring. */
    static final int COLUMNS = 256;
    /**
     * The part of the ring unwrapped, as fractions of the way from pupil to limbus: all of it from the pupil edge
     * (where the texture is richest), but only up to 75% towards the limbus, whose outer band is often under the
     * lids, faint, and most sensitive to a limbus fitted a few pixels off. Measured on CASIA-Iris-Interval: ending
     * at 100% / 90% / 80% / 75% gave EER 0.92% / 0.75% / 0.62% / 0.57% (docs/iris.md).
     */
    static final double INNER_MARGIN = 0.0;
    static final double OUTER_LIMIT = 0.75;

    /** The unwrapped image (float grey levels) and its noise (1 = not iris), rows x columns each. */
    record Polar(float[] image, float[] noise, int rows, int columns) {
    }

    static Polar unwrap(OpenCv cv, Mat image, byte[] noise, int width, int height, Circle pupil, Circle iris) {
        Mat mapX = cv.track(new Mat(ROWS, COLUMNS, CvType.CV_32FC1));
        Mat mapY = cv.track(new Mat(ROWS, COLUMNS, CvType.CV_32FC1));
        float[] xs = new float[ROWS * COLUMNS];
        float[] ys = new float[ROWS * COLUMNS];
        for (int j = 0; j < COLUMNS; j++) {
            double theta = 2 * Math.PI * j / COLUMNS;
            double cos = Math.cos(theta);
            double sin = Math.sin(theta);
            double px = pupil.x() + pupil.r() * cos;
            double py = pupil.y() + pupil.r() * sin;
            double ix = iris.x() + iris.r() * cos;
            double iy = iris.y() + iris.r() * sin;
            for (int i = 0; i < ROWS; i++) {
                double rho = INNER_MARGIN + (OUTER_LIMIT - INNER_MARGIN) * (i + 0.5) / ROWS;
                xs[i * COLUMNS + j] = (float) (px + rho * (ix - px));
                ys[i * COLUMNS + j] = (float) (py + rho * (iy - py));
            }
        }
        mapX.put(0, 0, xs);
        mapY.put(0, 0, ys);
        Mat polar = cv.mat();
        Imgproc.remap(image, polar, mapX, mapY, Imgproc.INTER_LINEAR, org.opencv.core.Core.BORDER_CONSTANT, new Scalar(0));
        Mat polarFloat = cv.mat();
        polar.convertTo(polarFloat, CvType.CV_32F);
        Mat noiseMat = cv.gray(width, height, noise);
        Mat polarNoise = cv.mat();
        // Pixels outside the image are noise: the border value 1.
        Imgproc.remap(noiseMat, polarNoise, mapX, mapY, Imgproc.INTER_NEAREST, org.opencv.core.Core.BORDER_CONSTANT, new Scalar(1));
        Mat noiseFloat = cv.mat();
        polarNoise.convertTo(noiseFloat, CvType.CV_32F);
        return new Polar(OpenCv.floats(polarFloat), OpenCv.floats(noiseFloat), ROWS, COLUMNS);
    }
}
