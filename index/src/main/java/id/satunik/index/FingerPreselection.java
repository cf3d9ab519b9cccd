package id.satunik.index;

import static id.satunik.index.FingerIndexLayout.EDGE_COUNT;
import static id.satunik.index.FingerIndexLayout.EDGE_DIRECTIONS;
import static id.satunik.index.FingerIndexLayout.EDGE_KEYS;
import static id.satunik.index.FingerIndexLayout.LONG;
import static id.satunik.index.FingerIndexLayout.SHORT;
import static id.satunik.index.FingerIndexLayout.SKETCH_DIRECTIONS;
import static id.satunik.index.FingerIndexLayout.SKETCH_EDGES;
import static id.satunik.index.FingerIndexLayout.SKETCH_KEYS;

import id.satunik.FingerPosition;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Ranks the persons of a {@link FingerIndex} for a probe at a small fraction of a SourceAFIS comparison each, so
 * that only a shortlist reaches SourceAFIS.
 *
 * <p>Per finger the evidence is a rotation vote: every gallery edge whose key the probe finger also has votes,
 * through the difference of the two edges' absolute directions, for how far the impression is turned; a mated
 * impression piles its votes on one turn, an impostor spreads its chance hits over all 64. The 64 counters are
 * kept bit-sliced (nine 64-bit planes, one bit of every counter per plane: one key costs a look-up, a rotate and
 * a carry chain of bit operations, no branch: a key the probe lacks reads an empty mask) and the peak is found
 * bit-sliced too. A cheaper first stage, the same vote over the finger's sketch only (a run of 64 mid-length
 * edges, kept in a dense file of its own: 192 bytes a finger read in sequence), prunes persons when the probe has
 * {@value #STAGE_A_MIN_FINGERS} fingers or more (the fused evidence of several fingers is strong enough for it); it
 * reads the probe's best fingers first and stops a person early when they say little (see {@link #EXIT_AFTER}).
 * The full rotation vote, over the sketch and the finger's other edges, then runs on the survivors only.
 *
 * <p>Person level: each finger's raw evidence is standardised per probe finger against a fixed, evenly spread
 * sample of the gallery (z-normalisation, so that a probe finger rich in edges does not outweigh the others), and
 * the z-scores of all fingers the probe and the person share are fused by Stouffer's rule (Σz/√m). Persons are
 * ranked by that, then by NIK.
 *
 * <p>The result depends only on the index, the probe and the sizes, never on the number of threads: blocks are
 * ranked independently and merged by the same total order.
 *
 * <p>Thread-safety: stateless; any number of concurrent selections.
 */
final class FingerPreselection {
    /** Persons per parallel task of the first stage (a block's sketches stream through while a probe table stays). */
    static final int BLOCK = 8192;
    /**
     * Survivors per parallel task of the full vote: a first stage keeps a few thousand persons, which one
     * {@link #BLOCK} would leave to one thread.
     */
    static final int SURVIVOR_BLOCK = 512;
    /** Gallery fingers sampled per probe finger for the standardisation. */
    static final int SAMPLE = 2048;
    static final int STAGE_A_MIN_FINGERS = 3;
    /**
     * The first stage stops reading a person after the probe's best {@value #EXIT_AFTER} fingers when their fused
     * evidence is below what {@value #EXIT_QUANTILE} of the gallery sample reach: about 95 % of the persons cost
     * 5 fingers instead of 10 (5.25 a person on average). Chosen over all 448 mated pairs of the eight FVC sets'
     * every recording enrolled among 100,000 persons (docs/benchmarks.md): 3 fingers stopped 1-3 mates at
     * quantiles 0.8-0.95 (an FVC2000 DB3_B recording whose probe's best-quality three say nothing of it), 4 none
     * at 0.9 with 0.43 z to spare; 5 at 0.95 none, with 1.73 z to spare, for 42 % more first-stage votes than 3.
     */
    static final int EXIT_AFTER = 5;
    static final double EXIT_QUANTILE = 0.95;
    /** Fewer sampled persons than this give no early stop (a small gallery has no reliable quantile). */
    static final int EXIT_MIN_SAMPLE = 256;
    private static final int POSITIONS = FingerPosition.values().length;

    static {
        if (SKETCH_EDGES != 64) {
            throw new AssertionError("the sketch vote counts four groups of sixteen edges into seven planes");
        }
    }

    /** Best-first ordinals and their fused scores; {@code scanned} counts the gallery fingers read. */
    record Shortlist(long[] ordinals, double[] scores, long scanned) {
        int size() {
            return ordinals.length;
        }
    }

    private final ExecutorService pool;
    private final int threads;

    FingerPreselection(ExecutorService pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /**
     * The best {@code keep} persons for the probe.
     *
     * @param firstStageKeep persons the first stage passes to the rotation vote when it runs
     */
    Shortlist select(FingerQuery query, FingerIndex index, int keep, int firstStageKeep) {
        long n = index.size();
        if (n == 0 || query.count() == 0) {
            return new Shortlist(new long[0], new double[0], 0);
        }
        boolean twoStage = query.count() >= STAGE_A_MIN_FINGERS && n > 2L * firstStageKeep;
        Norms norms = norms(query, index, n, twoStage, pool, threads);
        long[] survivors = null;
        long scanned = 0;
        if (twoStage) {
            Ranked first = rank(query, index, n, null, firstStageKeep, norms, true);
            survivors = first.ordinals();
            scanned += first.scanned();
        }
        Ranked second = rank(query, index, n, survivors, keep, norms, false);
        scanned += second.scanned();
        return new Shortlist(second.ordinals(), second.scores(), scanned);
    }

    private record Ranked(long[] ordinals, double[] scores, long scanned) {
    }

    /**
     * Ranks all persons (survivors == null) or the given ones, by the first stage's sketch vote or the full vote, in
     * parallel slices, with one total order.
     */
    private Ranked rank(FingerQuery query, FingerIndex index, long n, long[] survivors, int keep, Norms norms,
                        boolean firstStage) {
        long total = survivors == null ? n : survivors.length;
        int block = survivors == null ? BLOCK : SURVIVOR_BLOCK;
        List<Callable<TopPersons>> tasks = new ArrayList<>();
        for (long from = 0; from < total; from += block) {
            long start = from;
            long end = Math.min(total, from + block);
            tasks.add(firstStage ? () -> firstStageBlock(query, index, start, end, keep, norms)
                    : () -> fullVoteBlock(query, index, survivors, start, end, keep, norms));
        }
        TopPersons merged = new TopPersons(keep);
        long scanned = 0;
        for (TopPersons part : run(tasks)) {
            merged.addAll(part);
            scanned += part.scanned;
        }
        TopPersons.Entry[] best = merged.sorted();
        long[] ordinals = new long[best.length];
        double[] scores = new double[best.length];
        for (int i = 0; i < best.length; i++) {
            ordinals[i] = best[i].ordinal();
            scores[i] = best[i].score();
        }
        return new Ranked(ordinals, scores, scanned);
    }

    /**
     * The first stage over persons {@code start..end}, finger by finger rather than person by person: a probe
     * finger's key table (196 KiB) then stays in the core's L2 cache while it is read for every person of the block,
     * where reading a person's fingers in turn cycled up to ten tables through it (with five fingers before the stop,
     * pre-selection CPU a ten-finger search at 1,000,000 persons 3.2-3.7 s person by person, 2.1-2.4 s finger by
     * finger, docs/benchmarks.md). Each person's
     * evidence is summed in the same order as before, so every score, stop and rank is the same.
     */
    private static TopPersons firstStageBlock(FingerQuery query, FingerIndex index, long start, long end, int keep,
                                              Norms norms) {
        // the probe's best fingers first, a person stopped early when they say little
        int[] order = norms.order();
        double exitBelow = norms.exitBelow();
        int size = (int) (end - start);
        int[] masks = new int[size];
        double[] sum = new double[size];
        int[] shared = new int[size];
        boolean[] stopped = new boolean[size];
        for (int i = 0; i < size; i++) {
            masks[i] = index.maskAt(start + i);
        }
        for (int j = 0; j < order.length; j++) {
            if (j == EXIT_AFTER) {
                for (int i = 0; i < size; i++) {
                    stopped[i] = shared[i] > 0 && sum[i] / Math.sqrt(shared[i]) < exitBelow;
                }
            }
            int p = order[j];
            FingerQuery.Finger finger = query.finger(p);
            MappedRecords sketches = index.sketches(p);
            for (int i = 0; i < size; i++) {
                if ((masks[i] & (1 << p)) != 0 && !stopped[i]) {
                    sum[i] += norms.z(p, true, sketchVote(sketches, start + i, finger));
                    shared[i]++;
                }
            }
        }
        TopPersons top = new TopPersons(keep);
        long scanned = 0;
        for (int i = 0; i < size; i++) {
            scanned += shared[i];
            if (shared[i] > 0 && !stopped[i]) {
                top.offer(start + i, index.nikAt(start + i), sum[i] / Math.sqrt(shared[i]));
            }
        }
        top.scanned = scanned;
        return top;
    }

    /** The full rotation vote over every finger of persons {@code start..end} (of the survivors, when given). */
    private static TopPersons fullVoteBlock(FingerQuery query, FingerIndex index, long[] survivors, long start,
                                            long end, int keep, Norms norms) {
        int[] order = query.positions();
        TopPersons top = new TopPersons(keep);
        long scanned = 0;
        for (long i = start; i < end; i++) {
            long ordinal = survivors == null ? i : survivors[(int) i];
            int mask = index.maskAt(ordinal);
            double sum = 0;
            int shared = 0;
            for (int p : order) {
                if ((mask & (1 << p)) != 0) {
                    sum += norms.z(p, false, rotationVote(index.edges(p), index.sketches(p), ordinal, query.finger(p)));
                    shared++;
                }
            }
            if (shared > 0) {
                scanned += shared;
                top.offer(ordinal, index.nikAt(ordinal), sum / Math.sqrt(shared));
            }
        }
        top.scanned = scanned;
        return top;
    }

    private List<TopPersons> run(List<Callable<TopPersons>> tasks) {
        return run(tasks, pool, threads);
    }

    /** The tasks' results in task order: on the pool, or in turn on the calling thread with one thread or task. */
    private static <T> List<T> run(List<Callable<T>> tasks, ExecutorService pool, int threads) {
        try {
            if (tasks.size() == 1 || threads == 1) {
                List<T> out = new ArrayList<>(tasks.size());
                for (Callable<T> task : tasks) {
                    out.add(task.call());
                }
                return out;
            }
            List<T> out = new ArrayList<>(tasks.size());
            for (Future<T> future : pool.invokeAll(tasks)) {
                out.add(future.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("finger pre-selection interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("finger pre-selection failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("finger pre-selection failed: " + e, e);
        }
    }

    /**
     * First stage: the rotation vote over the finger's sketch only, counted as the full vote counts
     * ({@link #count}), against a flat estimate of chance from the hits. Without a branch per edge: an absent key
     * reads an empty direction mask and adds nothing, which costs less than the mispredicted branch on the ~15 % of
     * keys a probe has (0.16 against 0.31 µs a finger, docs/benchmarks.md). Read eight bytes at a time and counted by
     * carry-save adders: 0.16-0.25 against 0.32-0.41 µs a finger over a 1,000,000-person store (docs/benchmarks.md).
     */
    static double sketchVote(MemorySegment sketch, long at, FingerQuery.Finger probe) {
        long[] planes = new long[SKETCH_VOTE_PLANES];
        // NO_EDGE, the key of an unused slot, reads the probe table's empty last slot
        int hits = count(sketch, at + SKETCH_KEYS, at + SKETCH_DIRECTIONS, SKETCH_EDGES, probe.directions, planes);
        double expected = hits * (2.0 * FingerQuery.DIRECTION_SPREAD + 1) / EdgeShapes.DIRECTION_BINS + 1;
        return (peak(planes) - expected) / Math.sqrt(expected);
    }

    /** Bit-sliced counters of the sketch vote: 64 edges, so seven bits never overflow. */
    private static final int SKETCH_VOTE_PLANES = 7;

    /**
     * Adds sixteen turned masks to bit-sliced counters ({@code planes[k]}: bit k of every turn's count) with a
     * carry-save adder tree (Harley-Seal): (carry, sum) of three planes is (majority, parity), about five bit
     * operations a mask where a ripple through the planes takes two a plane; the one carry of sixteen then ripples
     * into the planes above the fourth.
     */
    private static void addSixteen(long[] planes, long v0, long v1, long v2, long v3, long v4, long v5, long v6,
                                   long v7, long v8, long v9, long v10, long v11, long v12, long v13, long v14,
                                   long v15) {
        long ones = planes[0], twos = planes[1], fours = planes[2], eights = planes[3];
        long twosA, twosB, foursA, foursB, eightsA, eightsB, u;
        u = ones ^ v0; twosA = (ones & v0) | (u & v1); ones = u ^ v1;
        u = ones ^ v2; twosB = (ones & v2) | (u & v3); ones = u ^ v3;
        u = twos ^ twosA; foursA = (twos & twosA) | (u & twosB); twos = u ^ twosB;
        u = ones ^ v4; twosA = (ones & v4) | (u & v5); ones = u ^ v5;
        u = ones ^ v6; twosB = (ones & v6) | (u & v7); ones = u ^ v7;
        u = twos ^ twosA; foursB = (twos & twosA) | (u & twosB); twos = u ^ twosB;
        u = fours ^ foursA; eightsA = (fours & foursA) | (u & foursB); fours = u ^ foursB;
        u = ones ^ v8; twosA = (ones & v8) | (u & v9); ones = u ^ v9;
        u = ones ^ v10; twosB = (ones & v10) | (u & v11); ones = u ^ v11;
        u = twos ^ twosA; foursA = (twos & twosA) | (u & twosB); twos = u ^ twosB;
        u = ones ^ v12; twosA = (ones & v12) | (u & v13); ones = u ^ v13;
        u = ones ^ v14; twosB = (ones & v14) | (u & v15); ones = u ^ v15;
        u = twos ^ twosA; foursB = (twos & twosA) | (u & twosB); twos = u ^ twosB;
        u = fours ^ foursA; eightsB = (fours & foursA) | (u & foursB); fours = u ^ foursB;
        u = eights ^ eightsA;
        long carry = (eights & eightsA) | (u & eightsB);
        planes[0] = ones;
        planes[1] = twos;
        planes[2] = fours;
        planes[3] = u ^ eightsB;
        for (int k = 4; k < planes.length; k++) {
            long t = planes[k] & carry;
            planes[k] ^= carry;
            carry = t;
        }
    }

    /** 1 when the probe has the key (its mask is never empty then), else 0. */
    private static int present(long mask) {
        return (int) ((mask | -mask) >>> 63);
    }

    static double sketchVote(MappedRecords sketches, long ordinal, FingerQuery.Finger probe) {
        return sketchVote(sketches.chunk(ordinal), sketches.offset(ordinal), probe);
    }

    /** Second stage: the rotation vote over all of the finger's edges (its sketch and the others). */
    static double rotationVote(MappedRecords edges, MappedRecords sketches, long ordinal, FingerQuery.Finger probe) {
        MemorySegment sketch = sketches.chunk(ordinal);
        long at = sketches.offset(ordinal);
        MemorySegment chunk = edges.chunk(ordinal);
        long base = edges.offset(ordinal);
        return rotationVote(sketch, at + SKETCH_KEYS, at + SKETCH_DIRECTIONS, SKETCH_EDGES,
                chunk, base + EDGE_KEYS, base + EDGE_DIRECTIONS, chunk.get(SHORT, base + EDGE_COUNT), probe);
    }

    /**
     * The height of the rotation vote's peak above what chance hits would pile up, over two runs of edges (keys
     * u16 and directions u8 at the given offsets): the sketch's and the other edges'. Chance is counted from the
     * probe's masks themselves: a hit whose mask covers b of the 64 turns adds b/64 to every turn's expected count
     * (a key that several probe edges share covers more turns than one edge's 5, and piles up more by chance). The
     * bits all hits cover are the sum of every turn's count, read off the planes at the end.
     */
    private static double rotationVote(MemorySegment first, long aKeys, long aDirections, int aCount,
                                       MemorySegment second, long bKeys, long bDirections, int bCount,
                                       FingerQuery.Finger probe) {
        long[] planes = new long[FULL_VOTE_PLANES];
        count(first, aKeys, aDirections, aCount, probe.full, planes);
        count(second, bKeys, bDirections, bCount, probe.full, planes);
        int bins = 0;
        for (int k = 0; k < FULL_VOTE_PLANES; k++) {
            bins += Long.bitCount(planes[k]) << k;
        }
        double expected = bins / (double) EdgeShapes.DIRECTION_BINS + 1;
        return (peak(planes) - expected) / Math.sqrt(expected);
    }

    /** Bit-sliced counters of the full vote: 340 edges at most, so nine bits never overflow. */
    private static final int FULL_VOTE_PLANES = 9;

    /**
     * Adds {@code count} edges' masks from the probe table {@code d}, turned by each edge's direction, to the
     * bit-sliced counters ({@code planes[k]}: bit k of every turn's count): sixteen edges at a time, read eight bytes
     * at a time and counted by carry-save adders ({@link #addSixteen}), the last few one by one.
     *
     * @return how many of the edges' keys the probe has (a present key's mask is never empty)
     */
    private static int count(MemorySegment chunk, long keys, long dirs, int count, long[] d, long[] planes) {
        int hits = 0;
        int i = 0;
        for (; i + 16 <= count; i += 16) {
            long k0 = chunk.get(LONG, keys + 2L * i), k1 = chunk.get(LONG, keys + 2L * i + 8);
            long k2 = chunk.get(LONG, keys + 2L * i + 16), k3 = chunk.get(LONG, keys + 2L * i + 24);
            long r0 = chunk.get(LONG, dirs + i), r1 = chunk.get(LONG, dirs + i + 8);
            long v0 = d[(int) k0 & 0xFFFF], v1 = d[(int) (k0 >>> 16) & 0xFFFF];
            long v2 = d[(int) (k0 >>> 32) & 0xFFFF], v3 = d[(int) (k0 >>> 48)];
            long v4 = d[(int) k1 & 0xFFFF], v5 = d[(int) (k1 >>> 16) & 0xFFFF];
            long v6 = d[(int) (k1 >>> 32) & 0xFFFF], v7 = d[(int) (k1 >>> 48)];
            long v8 = d[(int) k2 & 0xFFFF], v9 = d[(int) (k2 >>> 16) & 0xFFFF];
            long v10 = d[(int) (k2 >>> 32) & 0xFFFF], v11 = d[(int) (k2 >>> 48)];
            long v12 = d[(int) k3 & 0xFFFF], v13 = d[(int) (k3 >>> 16) & 0xFFFF];
            long v14 = d[(int) (k3 >>> 32) & 0xFFFF], v15 = d[(int) (k3 >>> 48)];
            hits += present(v0) + present(v1) + present(v2) + present(v3) + present(v4) + present(v5)
                    + present(v6) + present(v7) + present(v8) + present(v9) + present(v10) + present(v11)
                    + present(v12) + present(v13) + present(v14) + present(v15);
            // turned by each edge's direction (a rotation uses the low six bits of the byte only)
            addSixteen(planes, Long.rotateRight(v0, (int) r0), Long.rotateRight(v1, (int) (r0 >>> 8)),
                    Long.rotateRight(v2, (int) (r0 >>> 16)), Long.rotateRight(v3, (int) (r0 >>> 24)),
                    Long.rotateRight(v4, (int) (r0 >>> 32)), Long.rotateRight(v5, (int) (r0 >>> 40)),
                    Long.rotateRight(v6, (int) (r0 >>> 48)), Long.rotateRight(v7, (int) (r0 >>> 56)),
                    Long.rotateRight(v8, (int) r1), Long.rotateRight(v9, (int) (r1 >>> 8)),
                    Long.rotateRight(v10, (int) (r1 >>> 16)), Long.rotateRight(v11, (int) (r1 >>> 24)),
                    Long.rotateRight(v12, (int) (r1 >>> 32)), Long.rotateRight(v13, (int) (r1 >>> 40)),
                    Long.rotateRight(v14, (int) (r1 >>> 48)), Long.rotateRight(v15, (int) (r1 >>> 56)));
        }
        for (; i < count; i++) {
            long mask = d[chunk.get(SHORT, keys + 2L * i) & 0xFFFF];
            hits += present(mask);
            long carry = Long.rotateRight(mask, chunk.get(ValueLayout.JAVA_BYTE, dirs + i));
            for (int k = 0; k < planes.length; k++) {
                long t = planes[k] & carry;
                planes[k] ^= carry;
                carry = t;
            }
        }
        return hits;
    }

    /**
     * The highest of the bit-sliced counters ({@code planes[k]}: bit k of every turn's count): from the highest plane
     * down, keep the counters that have the plane's bit set whenever some do. Without branches: which counters keep
     * it is data, and a branch on it mispredicts.
     */
    private static int peak(long[] planes) {
        long candidates = -1L;
        int peak = 0;
        for (int k = planes.length - 1; k >= 0; k--) {
            long t = candidates & planes[k];
            long some = (t | -t) >> 63; // all ones when some counter has bit k
            candidates = t & some | candidates & ~some;
            peak |= (int) some & 1 << k;
        }
        return peak;
    }

    /**
     * Mean and deviation of each probe finger's raw evidence over an evenly spread gallery sample; the first
     * stage's only when it runs ({@code firstStage}), since a one- or two-finger search never uses them. With the
     * first stage also where it stops a person early: the {@value #EXIT_QUANTILE} quantile of the sample's fused
     * evidence over the probe's first {@value #EXIT_AFTER} fingers (best quality first). One task per probe finger
     * (each reads its own sample), so the result does not depend on the threads.
     */
    private static Norms norms(FingerQuery query, FingerIndex index, long n, boolean firstStage, ExecutorService pool,
                               int threads) {
        double[] mean = new double[2 * POSITIONS];
        double[] deviation = new double[2 * POSITIONS];
        java.util.Arrays.fill(deviation, 1);
        long step = Math.max(1, n / SAMPLE);
        int samples = (int) ((n + step - 1) / step);
        List<Integer> positions = new ArrayList<>();
        List<Callable<FingerNorms>> tasks = new ArrayList<>();
        for (int p = 0; p < POSITIONS; p++) {
            FingerQuery.Finger finger = query.finger(p);
            if (finger != null && index.edges(p) != null) {
                int position = p;
                positions.add(p);
                tasks.add(() -> fingerNorms(index, position, finger, step, samples, firstStage));
            }
        }
        double[][] sketchZ = new double[POSITIONS][];
        List<FingerNorms> results = run(tasks, pool, threads);
        for (int i = 0; i < results.size(); i++) {
            int p = positions.get(i);
            FingerNorms result = results.get(i);
            System.arraycopy(result.mean(), 0, mean, 2 * p, 2);
            System.arraycopy(result.deviation(), 0, deviation, 2 * p, 2);
            sketchZ[p] = result.sketchZ();
        }
        int[] order = query.bestFirst();
        double exitBelow = Double.NEGATIVE_INFINITY;
        if (firstStage && order.length > EXIT_AFTER) {
            double[] partial = new double[samples];
            int m = 0;
            for (int i = 0; i < samples; i++) {
                double sum = 0;
                int shared = 0;
                for (int j = 0; j < EXIT_AFTER; j++) {
                    double[] z = sketchZ[order[j]];
                    if (z != null && !Double.isNaN(z[i])) {
                        sum += z[i];
                        shared++;
                    }
                }
                if (shared > 0) {
                    partial[m++] = sum / Math.sqrt(shared);
                }
            }
            if (m >= EXIT_MIN_SAMPLE) {
                java.util.Arrays.sort(partial, 0, m);
                exitBelow = partial[(int) (EXIT_QUANTILE * m)];
            }
        }
        return new Norms(mean, deviation, order, exitBelow);
    }

    /**
     * One probe finger's norms: {first stage, full vote} mean and deviation, and the sample's first-stage z-scores
     * (NaN where the sampled person lacks the finger; null when the first stage does not run).
     */
    private record FingerNorms(double[] mean, double[] deviation, double[] sketchZ) {
    }

    private static FingerNorms fingerNorms(FingerIndex index, int p, FingerQuery.Finger finger, long step,
                                           int samples, boolean firstStage) {
        double[] mean = new double[2];
        double[] deviation = {1, 1};
        double[] sketchZ = null;
        for (int stage = firstStage ? 0 : 1; stage < 2; stage++) {
            double[] raws = new double[samples];
            java.util.Arrays.fill(raws, Double.NaN);
            double sum = 0;
            double squares = 0;
            int count = 0;
            for (int i = 0; i < samples; i++) {
                long ordinal = i * step;
                if ((index.maskAt(ordinal) & (1 << p)) != 0) {
                    double raw = stage == 0 ? sketchVote(index.sketches(p), ordinal, finger)
                            : rotationVote(index.edges(p), index.sketches(p), ordinal, finger);
                    raws[i] = raw;
                    sum += raw;
                    squares += raw * raw;
                    count++;
                }
            }
            if (count >= 16) {
                double mu = sum / count;
                double sd = Math.sqrt(Math.max(0, squares / count - mu * mu));
                mean[stage] = mu;
                deviation[stage] = Math.max(sd, 0.25);
            }
            if (stage == 0) {
                for (int i = 0; i < samples; i++) {
                    raws[i] = (raws[i] - mean[0]) / deviation[0]; // NaN stays NaN: no such finger
                }
                sketchZ = raws;
            }
        }
        return new FingerNorms(mean, deviation, sketchZ);
    }

    /**
     * @param order     the probe's positions in the order the first stage reads them
     * @param exitBelow the first stage stops a person whose fused evidence over the first {@link #EXIT_AFTER} of
     *                  them is below this (negative infinity: never)
     */
    private record Norms(double[] mean, double[] deviation, int[] order, double exitBelow) {
        double z(int position, boolean firstStage, double raw) {
            int i = 2 * position + (firstStage ? 0 : 1);
            return (raw - mean[i]) / deviation[i];
        }
    }
}
