package id.satunik.index;

import id.satunik.Candidate;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.Nik;
import id.satunik.matcher.PersonFingerprints;
import id.satunik.matcher.MatchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one scoring stage after every candidate source: each proposed person is read from the person store once,
 * checked against what proposed it, compared with the probe on every modality both carry (SourceAFIS per finger
 * position, the iris matcher per eye) and fused by {@link ScoreFusion}, so that decisions mean the same whichever
 * source found the person. Persons are scored in parallel slices and reduced by {@link CandidateCollector}.
 *
 * <p>Thread-safe.
 */
final class Rescoring {
    /** Persons per parallel task: a person costs a store read, a few template parses and comparisons. */
    static final int SLICE = 16;
    private static final int FINGERS = FingerPosition.values().length;

    private final PersonStore store;
    private final IrisGallery irises;
    private final ExecutorService pool;
    private final LongAdder persons = new LongAdder();
    private final LongAdder fingerComparisons = new LongAdder();

    Rescoring(PersonStore store, IrisGallery irises, ExecutorService pool) {
        this.store = store;
        this.irises = irises;
        this.pool = pool;
    }

    /** Persons scored so far (what reached SourceAFIS or the iris matcher). */
    long persons() {
        return persons.sum();
    }

    long fingerComparisons() {
        return fingerComparisons.sum();
    }

    /** Scores the proposed persons: every one at or above {@code threshold} plus the best {@code limit}, ranked. */
    List<Candidate> rescore(SearchProbe probe, List<Proposal> proposals, int limit, double threshold) {
        Map<Nik, List<Proposal>> byPerson = new TreeMap<>();
        for (Proposal proposal : proposals) {
            byPerson.computeIfAbsent(proposal.nik(), k -> new ArrayList<>(2)).add(proposal);
        }
        List<Map.Entry<Nik, List<Proposal>>> people = new ArrayList<>(byPerson.entrySet());
        List<Callable<List<Candidate>>> tasks = new ArrayList<>();
        for (int from = 0; from < people.size(); from += SLICE) {
            List<Map.Entry<Nik, List<Proposal>>> slice = people.subList(from, Math.min(people.size(), from + SLICE));
            tasks.add(() -> {
                CandidateCollector collector = new CandidateCollector(limit, threshold);
                for (Map.Entry<Nik, List<Proposal>> person : slice) {
                    Optional<PersonRecord> stored = store.get(person.getKey());
                    if (stored.isPresent() && person.getValue().stream().anyMatch(p -> confirms(p, stored.get()))) {
                        collector.collect(score(probe, stored.get()));
                    }
                }
                return collector.collected();
            });
        }
        return CandidateCollector.reduce(run(tasks), limit, threshold);
    }

    /** Whether the stored person still owns the index entry that proposed it. */
    static boolean confirms(Proposal proposal, PersonRecord person) {
        return switch (proposal.source()) {
            case STORE -> true;
            case FINGER_INDEX -> person.fingerOrdinal() == proposal.slot();
            case IRIS_SCAN -> Integer.valueOf((int) proposal.slot()).equals(person.irisSlots().get(proposal.eye()));
        };
    }

    /** One stored person against the probe on every shared modality, fused. */
    Candidate score(SearchProbe probe, PersonRecord person) {
        persons.increment();
        double[] all = new double[FINGERS + EyePosition.values().length];
        Arrays.fill(all, Double.NaN);
        Map<FingerPosition, Double> fingerScores = new EnumMap<>(FingerPosition.class);
        if (!probe.fingers().isEmpty() && !person.fingers().isEmpty()) {
            double[] perFinger = new double[FINGERS];
            probe.matchers().score(PersonFingerprints.forProbe(person.fingers(), probe.matchers()), perFinger);
            for (FingerPosition position : FingerPosition.values()) {
                double s = perFinger[position.ordinal()];
                if (!Double.isNaN(s)) {
                    fingerScores.put(position, s);
                    all[position.ordinal()] = s;
                    fingerComparisons.increment();
                }
            }
        }
        Map<EyePosition, Double> eyeScores = new EnumMap<>(EyePosition.class);
        if (!probe.irises().isEmpty() && !person.irisSlots().isEmpty()) {
            double[] eyes = irises.scores(probe.irisProbe(), person.irisSlots());
            for (EyePosition eye : EyePosition.values()) {
                if (!Double.isNaN(eyes[eye.ordinal()])) {
                    eyeScores.put(eye, eyes[eye.ordinal()]);
                    all[FINGERS + eye.ordinal()] = eyes[eye.ordinal()];
                }
            }
        }
        return new Candidate(person.nik(), MatchRule.fuse(all, FingerPosition.values().length), fingerScores,
                eyeScores);
    }

    private List<List<Candidate>> run(List<Callable<List<Candidate>>> tasks) {
        try {
            List<List<Candidate>> out = new ArrayList<>(tasks.size());
            if (tasks.size() <= 1) {
                for (Callable<List<Candidate>> task : tasks) {
                    out.add(task.call());
                }
                return out;
            }
            for (Future<List<Candidate>> future : pool.invokeAll(tasks)) {
                out.add(future.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rescoring interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("rescoring failed: " + e.getCause(), e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("rescoring failed: " + e, e);
        }
    }
}
