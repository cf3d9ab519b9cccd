package id.satunik.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded mutation fuzzer (Jazzer is not on this build's offline Maven repository): turns valid seed inputs into
 * damaged ones the way bit rot, truncation, a hostile sender or a confused operator would, reproducibly from the
 * seed. The input count scales up under {@code -Plarge}.
 *
 * <p>Not thread-safe: one per test thread.
 */
public final class Mutator {
    /** Tokens that stress a JSON manifest: structure, escapes, lone surrogates, huge and odd numbers, long text. */
    private static final List<String> TOKENS = List.of("\"", "{", "}", "[", "]", ":", ",", "null", "true", "1e999",
            "-1", "0", "99999999999999999999", "\\ud800", "\\udc00", "\\u0000", "\\", "\"nik\"", "\"fingers\"",
            "\"irises\"", "\"birthDate\"", "\"dpi\"", "\"name\"", "\"RIGHT_THUMB\"", "\"LEFT\"", "\"/dev/zero\"",
            "\"2190-01-05\"", "\"1790-01-06\"", "A".repeat(300), "\u00e9", "\uD83D\uDE00", "\t", "\n", "\r");

    private final Random rng;

    public Mutator(long seed) {
        this.rng = new Random(seed);
    }

    /** {@code normal} inputs in the normal build, {@code large} under -Plarge. */
    public static int count(int normal, int large) {
        return Boolean.getBoolean("satunik.large") ? large : normal;
    }

    public Random random() {
        return rng;
    }

    /** One to four byte-level mutations of {@code seed}; mutations focus on the first {@code hot} bytes half the time. */
    public byte[] mutate(byte[] seed, int hot) {
        byte[] out = seed.clone();
        int rounds = 1 + rng.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            int limit = out.length == 0 ? 0 : rng.nextBoolean() ? Math.min(hot, out.length) : out.length;
            int at = limit == 0 ? 0 : rng.nextInt(limit);
            switch (rng.nextInt(8)) {
                case 0 -> {
                    if (out.length > 0) {
                        out[at] ^= (byte) (1 << rng.nextInt(8));
                    }
                }
                case 1 -> {
                    if (out.length > 0) {
                        out[at] = (byte) rng.nextInt(256);
                    }
                }
                case 2 -> {
                    if (out.length > 0) {
                        byte[] interesting = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 1, (byte) 0xFE};
                        out[at] = interesting[rng.nextInt(interesting.length)];
                    }
                }
                case 3 -> out = Arrays.copyOf(out, out.length == 0 ? 0 : rng.nextInt(out.length + 1)); // truncate
                case 4 -> { // insert random bytes
                    byte[] inserted = new byte[1 + rng.nextInt(16)];
                    rng.nextBytes(inserted);
                    out = splice(out, at, 0, inserted);
                }
                case 5 -> { // delete a range
                    if (out.length > 0) {
                        out = splice(out, at, Math.min(out.length - at, 1 + rng.nextInt(32)), new byte[0]);
                    }
                }
                case 6 -> { // duplicate a range
                    if (out.length > 0) {
                        int length = Math.min(out.length - at, 1 + rng.nextInt(64));
                        out = splice(out, at, 0, Arrays.copyOfRange(out, at, at + length));
                    }
                }
                default -> { // a 32-bit field set to an extreme (sizes, counts, offsets)
                    if (out.length >= 4) {
                        int field = Math.min(at, out.length - 4);
                        int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x10000, 23000};
                        int value = extremes[rng.nextInt(extremes.length)];
                        for (int i = 0; i < 4; i++) {
                            out[field + i] = (byte) (value >>> (8 * (rng.nextBoolean() ? i : 3 - i)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** One to four text mutations of {@code seed}: JSON tokens inserted, ranges deleted or repeated, characters replaced. */
    public String mutate(String seed) {
        StringBuilder out = new StringBuilder(seed);
        int rounds = 1 + rng.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            int at = out.isEmpty() ? 0 : rng.nextInt(out.length() + 1);
            switch (rng.nextInt(5)) {
                case 0 -> out.insert(at, TOKENS.get(rng.nextInt(TOKENS.size())));
                case 1 -> {
                    if (at < out.length()) {
                        out.delete(at, Math.min(out.length(), at + 1 + rng.nextInt(16)));
                    }
                }
                case 2 -> {
                    if (at < out.length()) {
                        out.setCharAt(at, (char) (rng.nextBoolean() ? 32 + rng.nextInt(95) : rng.nextInt(0x10000)));
                    }
                }
                case 3 -> {
                    if (at < out.length()) {
                        int end = Math.min(out.length(), at + 1 + rng.nextInt(40));
                        out.insert(end, out.substring(at, end));
                    }
                }
                default -> out.setLength(at); // truncate
            }
        }
        return out.toString();
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }
}
