package id.satunik.matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The minutiae of one SourceAFIS template: positions in pixels at 500 dpi (SourceAFIS scales every image to 500
 * dpi before it extracts), directions in radians, and types ('E' ending, 'B' bifurcation). Read once from the
 * serialized template (its CBOR arrays), for what SourceAFIS does not expose: the count and the candidate
 * pre-selection keys.
 *
 * <p>Immutable (arrays are not exposed); thread-safe.
 */
public final class FingerMinutiae {
    private static final CBORMapper CBOR = new CBORMapper();
    private final int[] x;
    private final int[] y;
    private final float[] directions;
    private final String types;

    private FingerMinutiae(int[] x, int[] y, float[] directions, String types) {
        this.x = x;
        this.y = y;
        this.directions = directions;
        this.types = types;
    }

    /** Parses a template serialized by SourceAFIS 3.x ({@code FingerprintTemplate.toByteArray()}). */
    public static FingerMinutiae parse(byte[] serialized) {
        try {
            JsonNode root = CBOR.readTree(serialized);
            JsonNode xs = root.get("positionsX");
            JsonNode ys = root.get("positionsY");
            JsonNode ds = root.get("directions");
            JsonNode ts = root.get("types");
            if (xs == null || ys == null || ds == null || ts == null || !xs.isArray() || xs.size() != ys.size()
                    || xs.size() != ds.size() || ts.asText().length() != xs.size()) {
                throw new IllegalStateException("unknown SourceAFIS template layout: " + root.properties());
            }
            int n = xs.size();
            int[] x = new int[n];
            int[] y = new int[n];
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = xs.get(i).asInt();
                y[i] = ys.get(i).asInt();
                d[i] = (float) ds.get(i).asDouble();
            }
            return new FingerMinutiae(x, y, d, ts.asText());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable SourceAFIS template", e);
        }
    }

    /** From coordinates directly (synthetic galleries, tests). Arrays are copied. */
    public static FingerMinutiae of(int[] x, int[] y, float[] directions, String types) {
        if (x.length != y.length || x.length != directions.length || types.length() != x.length) {
            throw new IllegalArgumentException("minutia arrays of different lengths");
        }
        return new FingerMinutiae(x.clone(), y.clone(), directions.clone(), types);
    }

    public int count() {
        return x.length;
    }

    public int x(int i) {
        return x[i];
    }

    public int y(int i) {
        return y[i];
    }

    /** Direction in radians, [0, 2π). */
    public float direction(int i) {
        return directions[i];
    }

    public boolean bifurcation(int i) {
        return types.charAt(i) == 'B';
    }
}
