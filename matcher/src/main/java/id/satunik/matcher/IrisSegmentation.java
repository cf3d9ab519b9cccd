package id.satunik.matcher;

/**
 * Where the iris lies in an eye image: pupil and limbus circles (not necessarily concentric) and a noise map of
 * pixels that must not contribute to the code (specular reflections, eyelids, eyelashes).
 *
 * @param pupil  the pupil boundary
 * @param iris   the outer iris boundary (limbus)
 * @param noise  one byte per pixel, row-major: non-zero where the pixel is not iris texture
 * @param texture the grey levels with specular reflections inpainted, row-major
 * @param width  image width
 * @param height image height
 * @param measures the image measures behind the quality score ({@link IrisQuality})
 */
record IrisSegmentation(Circle pupil, Circle iris, byte[] noise, byte[] texture, int width, int height,
                        Measures measures) {

    /** What {@link IrisQuality} needs from segmentation, each already relative to the image (see there). */
    record Measures(double irisPupilRatio, double pupilContrast, double irisContrast, double sharpness,
                    double concentricity, double margin) {
    }

    /** A circle in pixel coordinates. */
    record Circle(double x, double y, double r) {
        double distanceTo(Circle other) {
            return Math.hypot(x - other.x, y - other.y);
        }

        /** Squared distance of a point from the centre: per-pixel tests compare it with r² (no square root). */
        double squaredDistanceTo(double px, double py) {
            double dx = px - x;
            double dy = py - y;
            return dx * dx + dy * dy;
        }
    }
}
