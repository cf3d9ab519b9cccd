package id.satunik.matcher;

/** A decoded 8-bit greyscale image, row-major. Package-private: the decoder's output, the extractor's input. */
record GrayImage(int width, int height, byte[] pixels) {
    GrayImage {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("pixels " + pixels.length + " != " + width + "x" + height);
        }
    }

    /** Standard deviation of the grey levels: a blank or saturated capture has almost none. */
    double contrast() {
        long sum = 0;
        long sumSquares = 0;
        for (byte b : pixels) {
            int v = b & 0xFF;
            sum += v;
            sumSquares += (long) v * v;
        }
        double n = pixels.length;
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
    }
}
