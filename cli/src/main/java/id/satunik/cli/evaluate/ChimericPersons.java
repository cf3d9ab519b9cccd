package id.satunik.cli.evaluate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

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

    /**
     * Runs {@code rounds} open-set splits of {@code persons} persons of {@code fingersPerPerson} fingers each.
     *
     * @throws IllegalArgumentException when the pool holds fewer than {@code persons × fingersPerPerson} fingers
     */
    static OpenSetSearches.Result evaluate(ProbeGalleryScores fingers, Modality<?> modality, int fingersPerPerson,
                                           int persons, int rounds, double enrolledFraction, long seed) {
        Identities pool = fingers.identities();
        if (persons * fingersPerPerson > pool.count()) {
            throw new IllegalArgumentException(persons + " persons of " + fingersPerPerson + " need "
                    + persons * fingersPerPerson + " fingers, the pool has " + pool.count());
        }
        OpenSetSearches searches = new OpenSetSearches();
        double[] perPosition = new double[fingersPerPerson];
        for (int round = 0; round < rounds; round++) {
            Random rng = Seeds.random(seed, "chimeric", fingersPerPerson, round);
            List<Integer> shuffled = new ArrayList<>(pool.count());
            for (int f = 0; f < pool.count(); f++) {
                shuffled.add(f);
            }
            Collections.shuffle(shuffled, rng);
            int[][] fingersOf = new int[persons][fingersPerPerson];
            int[] sampleCounts = new int[persons];
            java.util.Arrays.fill(sampleCounts, Integer.MAX_VALUE);
            for (int p = 0; p < persons; p++) {
                for (int k = 0; k < fingersPerPerson; k++) {
                    int finger = shuffled.get(p * fingersPerPerson + k);
                    fingersOf[p][k] = finger;
                    sampleCounts[p] = Math.min(sampleCounts[p], pool.sampleCount(finger));
                }
            }
            searches.split(sampleCounts, enrolledFraction, rng, (a, s, b) -> {
                for (int k = 0; k < fingersPerPerson; k++) {
                    perPosition[k] = fingers.score(pool.samplesOf(fingersOf[a][k])[s], fingersOf[b][k]);
                }
                return modality.fuse(perPosition);
            });
        }
        return searches.result();
    }
}
