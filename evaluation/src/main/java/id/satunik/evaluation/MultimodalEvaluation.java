package id.satunik.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.satunik.matcher.MatchRule;
import id.satunik.matcher.ScoreFusion;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code --modality finger+iris}: evaluates the fingerprints and the irises each on their own (every figure of
 * {@link Evaluation}), then forms chimeric persons of n fingers and two eyes — what a SatuNIK record holds — and
 * measures them with the engine's rule ({@link MatchRule}): every shared position compared, all scores fused by {@link ScoreFusion}
 * (one scale, one threshold 40, whatever the modalities).
 *
 * <p>Not thread-safe: one run per instance (the run itself is parallel inside).
 */
final class MultimodalEvaluation {
    private static final int EYES = 2;

    private final EvaluationSettings fingers;
    private final EvaluationSettings irises;
    private final PrintWriter log;

    MultimodalEvaluation(EvaluationSettings fingers, EvaluationSettings irises, PrintWriter log) {
        this.fingers = fingers;
        this.irises = irises;
        this.log = log;
    }

    ObjectNode run() {
        Evaluation fingerRun = new Evaluation(new FingerprintModality(), fingers, log);
        Evaluation irisRun = new Evaluation(new IrisModality(), irises, log);
        List<SampleCatalog.Dataset> fingerSets = fingerRun.catalog();
        List<SampleCatalog.Dataset> irisSets = irisRun.catalog();
        Evaluation.Outcome f = fingerRun.runWithScores(fingerSets);
        Evaluation.Outcome i = irisRun.runWithScores(irisSets);

        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("tool", "satunik evaluate");
        root.put("modality", "finger+iris");
        root.put("seed", fingers.seed());
        root.put("recommendedThreshold", MatchRule.DEFAULT_THRESHOLD);
        root.set("finger", f.report());
        root.set("iris", i.report());
        root.set("multimodal", section(fingerRun, f.gallery(), i.gallery()));
        return root;
    }

    private ObjectNode section(Evaluation figures, ProbeGalleryScores fingerScores, ProbeGalleryScores eyeScores) {
        int fingerPool = fingerScores.identities().count();
        int eyePool = eyeScores.identities().count();
        List<Integer> feasible = fingers.fusionLevels().stream()
                .filter(n -> n <= 10 && fingerPool / n >= 2 && eyePool / EYES >= 2).toList();
        int persons = feasible.isEmpty() ? 0 : Math.min(fingerPool / feasible.getLast(), eyePool / EYES);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("protocol", String.format(Locale.ROOT, "chimeric persons of n fingers and 2 eyes: each round deals"
                + " the %d enrolled fingers and the %d enrolled eyes out at random (each pool separately, none twice"
                + " in a round), n fingers and 2 eyes to a virtual person; %d persons per round at every level. Sample"
                + " s of a person is the s-th impression of each of its fingers and eyes. Each round is an open-set"
                + " split as in 'identification' (enrolled fraction %.2f); persons are compared with the engine's rule:"
                + " every finger and eye at the same position compared, all scores fused by Fisher's method"
                + " (ScoreFusion) on the single-finger scale with the agreement rule (ModalityAgreement), threshold 40.", fingerPool, eyePool, persons,
                fingers.enrolledFraction()));
        node.put("fingerPool", fingerPool);
        node.put("eyePool", eyePool);
        node.put("personsPerRound", persons);
        node.put("gallerySizePerRound", persons >= 2 ? OpenSetSearches.enrolledCount(persons, fingers.enrolledFraction()) : 0);
        node.put("rounds", fingers.chimericRounds());
        node.put("seed", fingers.seed());
        ArrayNode levels = node.putArray("levels");
        for (int n : feasible) {
            long start = System.nanoTime();
            OpenSetSearches.Result result = ChimericPersons.evaluate(List.of(new ChimericPersons.Part(fingerScores, n),
                            new ChimericPersons.Part(eyeScores, EYES)), scores -> MatchRule.fuse(scores, n), persons,
                    fingers.chimericRounds(), fingers.enrolledFraction(), fingers.seed());
            log.printf(Locale.ROOT, "fusion of %d fingers + %d eyes: %,d rounds in %.1f s%n", n, EYES,
                    fingers.chimericRounds(), (System.nanoTime() - start) / 1e9);
            log.flush();
            ObjectNode level = levels.addObject();
            level.put("fingers", n);
            level.put("eyes", EYES);
            level.put("personsFormed", (long) persons * fingers.chimericRounds());
            figures.identificationFigures(level.putObject("identification"), result);
            level.set("verification", figures.verificationFigures(n + " fingers + " + EYES + " eyes, person vs person",
                    result.verification()));
        }
        return node;
    }
}
