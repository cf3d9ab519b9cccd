package id.satunik.evaluation;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * One reproducible random stream per purpose, derived from the run's seed, so that adding a stage or a round
 * never shifts the draws of another. Thread-safe: stateless.
 */
final class Seeds {
    private Seeds() {
    }

    static Random random(long seed, String purpose, long... parts) {
        long h = seed ^ 0x5DEECE66DL;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h + b);
        }
        for (long part : parts) {
            h = mix(h + part);
        }
        return new Random(h);
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole 64-bit range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
