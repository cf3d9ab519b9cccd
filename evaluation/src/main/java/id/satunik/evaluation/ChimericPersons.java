package id.satunik.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Multi-finger persons made of single real fingers ("chimeric" persons): the standard way to evaluate a
 * multi-finger system without multi-finger data. Each round shuffles the pool of fingers (all input
 * identities, across datasets, so one person's fingers usually come from different subjects and sensors) and
 * deals them out, {@code fingersPerPerson} to a person at the positions of {@link Modality#positions}; no
 * finger is dealt twice in a round. Sample s of a person is the s-th enrolled impression of each of its fingers,
 * and a person has as many samples as its finger with the fewest impressions, so every sample carries all the
 * person's fingers (a person is never searched with fewer fingers than its level says). Sample 0, the
 * enrolment sample, is every finger's first impression.
 *
 * <p>Persons are compared with the engine's rule: fingers at the same position are compared and the scores fused
 * by {@link Modality#fuse} ({@link id.satunik.matcher.ScoreFusion}, exactly what
 * {@link id.satunik.matcher.PersonProbe#score} computes), read from the precomputed finger scores.
 *
 * <p>Stateless; thread-safe.
 */
final class ChimericPersons {
    private ChimericPersons() {
    }

    /** One modality's share of a person: {@code count} identities dealt from the pool of {@code scores}. */
    record Part(ProbeGalleryScores scores, int count) {
    }

    /**
     * Runs {@code rounds} open-set splits of {@code persons} persons of {@code fingersPerPerson} fingers each.
     *
     * @throws IllegalArgumentException when the pool holds fewer than {@code persons × fingersPerPerson} fingers
     */
    static OpenSetSearches.Result evaluate(ProbeGalleryScores fingers, Modality<?> modality, int fingersPerPerson,
                                           int persons, int rounds, double enrolledFraction, long seed) {
        return evaluate(List.of(new Part(fingers, fingersPerPerson)), modality::fuse, persons, rounds,
                enrolledFraction, seed);
    }

    /**
     * Persons made of several modalities (fingers and eyes): each part's pool is dealt out separately, and the
     * scores of every position of every part are fused into one person score by {@code fuse}.
     *
     * @throws IllegalArgumentException when a pool holds fewer identities than its part needs
     */
    static OpenSetSearches.Result evaluate(List<Part> parts, ToDoubleFunction<double[]> fuse, int persons, int rounds,
                                           double enrolledFraction, long seed) {
        long[] tag = parts.stream().mapToLong(Part::count).toArray();
        int positions = 0;
        for (Part part : parts) {
            Identities pool = part.scores().identities();
            if (persons * part.count() > pool.count()) {
                throw new IllegalArgumentException(persons + " persons of " + part.count() + " need "
                        + persons * part.count() + " identities, the pool has " + pool.count());
            }
            positions += part.count();
        }
        OpenSetSearches searches = new OpenSetSearches();
        double[] perPosition = new double[positions];
        for (int round = 0; round < rounds; round++) {
            // A single part draws exactly as before multi-modal persons existed, so finger figures stay put.
            Random rng = parts.size() == 1 ? Seeds.random(seed, "chimeric", parts.getFirst().count(), round)
                    : Seeds.random(seed, "chimeric-multimodal", append(tag, round));
            int[][][] dealt = new int[parts.size()][][];
            int[] sampleCounts = new int[persons];
            java.util.Arrays.fill(sampleCounts, Integer.MAX_VALUE);
            for (int m = 0; m < parts.size(); m++) {
                Identities pool = parts.get(m).scores().identities();
                int count = parts.get(m).count();
                List<Integer> shuffled = new ArrayList<>(pool.count());
                for (int f = 0; f < pool.count(); f++) {
                    shuffled.add(f);
                }
                Collections.shuffle(shuffled, rng);
                dealt[m] = new int[persons][count];
                for (int p = 0; p < persons; p++) {
                    for (int k = 0; k < count; k++) {
                        int identity = shuffled.get(p * count + k);
                        dealt[m][p][k] = identity;
                        sampleCounts[p] = Math.min(sampleCounts[p], pool.sampleCount(identity));
                    }
                }
            }
            searches.split(sampleCounts, enrolledFraction, rng, (a, s, b) -> {
                int position = 0;
                for (int m = 0; m < parts.size(); m++) {
                    ProbeGalleryScores scores = parts.get(m).scores();
                    Identities pool = scores.identities();
                    for (int k = 0; k < parts.get(m).count(); k++) {
                        perPosition[position++] = scores.score(pool.samplesOf(dealt[m][a][k])[s], dealt[m][b][k]);
                    }
                }
                return fuse.applyAsDouble(perPosition);
            });
        }
        return searches.result();
    }

    private static long[] append(long[] values, long last) {
        long[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }
}
