package id.satunik.matcher;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Loads OpenCV's native library once per process and keeps native matrices from leaking: every {@link Mat} made
 * while processing one image is registered with a scope and released when the scope closes (the Java wrapper's
 * finalizer would free them only at some later GC, while the native heap fills up in a batch run).
 *
 * <p>A scope belongs to one thread; the loader is thread-safe (class initialisation).
 */
final class OpenCv implements AutoCloseable {
    static {
        // openpnp's jar unpacks the native library for this platform into a temporary directory and loads it.
        nu.pattern.OpenCV.loadLocally();
        // Images are small (320x280) and the engine already extracts records on all cores: OpenCV's own
        // thread pool would only add hand-offs.
        Core.setNumThreads(1);
    }

    private final List<Mat> mats = new ArrayList<>();

    /** Forces the native library to load (class initialisation is the lock). */
    static void load() {
        // the static initialiser did the work
    }

    Mat mat() {
        return track(new Mat());
    }

    Mat track(Mat mat) {
        mats.add(mat);
        return mat;
    }

    /** An 8-bit single-channel matrix holding a copy of the given row-major pixels. */
    Mat gray(int width, int height, byte[] pixels) {
        Mat mat = track(new Mat(height, width, CvType.CV_8UC1));
        mat.put(0, 0, pixels);
        return mat;
    }

    static byte[] bytes(Mat mat) {
        byte[] out = new byte[(int) mat.total() * mat.channels()];
        mat.get(0, 0, out);
        return out;
    }

    static float[] floats(Mat mat) {
        float[] out = new float[(int) mat.total() * mat.channels()];
        mat.get(0, 0, out);
        return out;
    }

    @Override
    public void close() {
        for (Mat mat : mats) {
            mat.release();
        }
        mats.clear();
    }
}
