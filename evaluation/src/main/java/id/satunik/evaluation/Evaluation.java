package id.satunik.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.satunik.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * One evaluation run: catalog the images, extract, compare, and compute every figure into a JSON tree. The
 * tree holds no timing and no absolute state of the machine, so the same input and seed give the same JSON.
 *
 * <p>Not thread-safe: one run per instance (the run itself is parallel inside).
 */
final class Evaluation {
    /** FMR targets of the 1:1 figures and FPIR targets of the 1:N figures. */
    static final double[] FMR_TARGETS = {0.01, 0.001, 0.0001};
    static final double[] FPIR_TARGETS = {0.01, 0.001};
    static final double[] SWEEP = {0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 120, 150, 200, 300};
    static final int DET_POINTS = 300;
    static final double BIN_WIDTH = 5;
    static final int BINS = 41;

    private final Modality<?> modality;
    private final EvaluationSettings settings;
    private final PrintWriter log;

    Evaluation(Modality<?> modality, EvaluationSettings settings, PrintWriter log) {
        this.modality = modality;
        this.settings = settings;
        this.log = log;
    }

    /** Catalogs the datasets; fails on the first bad input, before any extraction. */
    List<SampleCatalog.Dataset> catalog() {
        if (settings.inputs().isEmpty() && settings.mappings().isEmpty()) {
            throw new InvalidInputException("evaluate", "give at least one --input folder or --mapping file");
        }
        List<SampleCatalog.Dataset> datasets = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        Set<String> dpiUsed = new HashSet<>();
        for (Path input : settings.inputs()) {
            String label = unique(labels, name(input));
            datasets.add(SampleCatalog.folder(input, label, dpiFor(label, dpiUsed)));
        }
        for (Path mapping : settings.mappings()) {
            String label = unique(labels, name(mapping).replaceFirst("(?i)\\.csv$", ""));
            datasets.add(SampleCatalog.mapping(mapping, label, dpiFor(label, dpiUsed)));
        }
        for (String named : settings.folderDpi().keySet()) {
            if (!dpiUsed.contains(named)) {
                throw new InvalidInputException("--folder-dpi " + named, "names no input (inputs: "
                        + String.join(", ", datasets.stream().map(SampleCatalog.Dataset::label).toList()) + ")");
            }
        }
        return link(datasets);
    }

    /** Applies {@code --same-subjects}: subject ids of the datasets of one group name one identity. */
    private List<SampleCatalog.Dataset> link(List<SampleCatalog.Dataset> datasets) {
        Map<String, String> groupOf = new java.util.LinkedHashMap<>();
        for (List<String> group : settings.sameSubjects()) {
            String name = String.join("+", group);
            if (group.size() < 2) {
                throw new InvalidInputException("--same-subjects " + name, "name at least two datasets");
            }
            for (String label : group) {
                if (datasets.stream().noneMatch(d -> d.label().equals(label))) {
                    throw new InvalidInputException("--same-subjects " + name, label + " names no input (inputs: "
                            + String.join(", ", datasets.stream().map(SampleCatalog.Dataset::label).toList()) + ")");
                }
                if (groupOf.putIfAbsent(label, name) != null) {
                    throw new InvalidInputException("--same-subjects " + name, label + " is in two groups");
                }
            }
        }
        return datasets.stream().map(d -> groupOf.containsKey(d.label()) ? d.inGroup(groupOf.get(d.label())) : d).toList();
    }

    ObjectNode run() {
        return run(catalog());
    }

    ObjectNode run(List<SampleCatalog.Dataset> datasets) {
        return runWithScores(datasets).report();
    }

    /** The report, and the probe-gallery scores behind it for persons that mix modalities. */
    record Outcome(ObjectNode report, ProbeGalleryScores gallery) {
    }

    Outcome runWithScores(List<SampleCatalog.Dataset> datasets) {
        try (ForkJoinPool pool = new ForkJoinPool(settings.threads())) {
            return evaluate(datasets, modality, pool);
        }
    }

    private <T> Outcome evaluate(List<SampleCatalog.Dataset> datasets, Modality<T> modality, ForkJoinPool pool) {
        List<Sample> samples = datasets.stream().flatMap(d -> d.samples().stream()).toList();
        long start = System.nanoTime();
        Enrolment<T> enrolment = Enrolment.extract(samples, modality, pool);
        double extractSeconds = seconds(start);
        log.printf(Locale.ROOT, "extracted %,d images in %.1f s (%.1f images/s, %d threads): %,d enrolled, %,d refused%n",
                samples.size(), extractSeconds, samples.size() / extractSeconds, settings.threads(),
                enrolment.enrolled().size(), enrolment.refusals().size());
        log.flush();

        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("tool", "satunik evaluate");
        root.put("modality", modality.name());
        root.put("seed", settings.seed());
        root.put("scoreScale", modality.scoreScale());
        root.put("recommendedThreshold", modality.recommendedThreshold());
        root.set("dataset", describe(datasets, samples));
        root.set("enrolment", enrolmentFigures(enrolment, modality));

        List<Sample> enrolled = enrolment.enrolled();
        Identities identities = new Identities(enrolled);
        Comparisons<T> comparisons = new Comparisons<>(modality, enrolment.templates(), pool);

        start = System.nanoTime();
        VerificationPairs pairs = VerificationPairs.plan(identities, enrolled.size(), settings.maxImpostors(), settings.seed());
        double[] scores = comparisons.score(pairs.probes(), pairs.candidates());
        double compareSeconds = seconds(start);
        log.printf(Locale.ROOT, "1:1: %,d comparisons in %.1f s (%,.0f comparisons/s)%n",
                scores.length, compareSeconds, scores.length / compareSeconds);
        log.flush();
        root.set("verification", verificationSection(datasets, enrolled, pairs, scores));
        ObjectNode quality = qualitySection(enrolment, modality, pairs, scores);
        if (quality != null) {
            root.set("quality", quality);
        }

        start = System.nanoTime();
        ProbeGalleryScores gallery = new ProbeGalleryScores(identities, enrolled.size(), comparisons);
        log.printf(Locale.ROOT, "1:N: %,d probe-gallery comparisons in %.1f s%n",
                (long) enrolled.size() * identities.count(), seconds(start));
        log.flush();
        root.set("identification", identificationSection(identities, gallery));
        root.set("fusion", fusionSection(identities, gallery));
        return new Outcome(root, gallery);
    }

    private ObjectNode describe(List<SampleCatalog.Dataset> datasets, List<Sample> samples) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode sources = node.putArray("sources");
        for (SampleCatalog.Dataset d : datasets) {
            ObjectNode s = sources.addObject();
            s.put("label", d.label());
            s.put("path", d.source());
            s.put("naming", d.naming());
            s.put("dpi", d.dpi());
            s.put("images", d.samples().size());
            s.put("subjects", d.subjects());
        }
        node.put("images", samples.size());
        node.put("subjects", samples.stream().map(Sample::identity).distinct().count());
        node.put("identityRule", "an identity is (dataset label, subject): FVC subject ids restart at 101 in every"
                + " database, so equal ids in two datasets are different fingers, except in datasets declared to"
                + " share subjects (sameSubjects), where equal ids are one finger captured on several sensors");
        ArrayNode same = node.putArray("sameSubjects");
        settings.sameSubjects().forEach(group -> {
            ArrayNode g = same.addArray();
            group.forEach(g::add);
        });
        return node;
    }

    /** Quality bands of the genuine-pair FNMR table: the poorer sample of the pair decides the band. */
    static final double[] QUALITY_BANDS = {0, 40, 60, 80, 100.01};

    /**
     * The enrolled samples' quality distribution per dataset, and the genuine comparisons' FNMR at the recommended
     * threshold per quality band of the poorer sample: a quality score is useful when poor bands fail more often.
     * Null when the modality has no quality score.
     */
    private static <T> ObjectNode qualitySection(Enrolment<T> enrolment, Modality<T> modality, VerificationPairs pairs,
                                                 double[] scores) {
        List<T> templates = enrolment.templates();
        double[] q = new double[templates.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = modality.quality(templates.get(i));
        }
        if (q.length == 0 || java.util.Arrays.stream(q).allMatch(Double::isNaN)) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("note", modality.qualityNote() + "; FNMR at the recommended threshold by the poorer sample's band");
        ArrayNode perDataset = node.putArray("datasets");
        Map<String, List<Double>> byDataset = new java.util.TreeMap<>();
        for (int i = 0; i < q.length; i++) {
            if (!Double.isNaN(q[i])) {
                byDataset.computeIfAbsent(enrolment.enrolled().get(i).dataset(), d -> new ArrayList<>()).add(q[i]);
            }
        }
        byDataset.forEach((dataset, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            ObjectNode d = perDataset.addObject();
            d.put("dataset", dataset);
            d.put("images", v.length);
            put(d, "p5", v[(int) (0.05 * (v.length - 1))]);
            put(d, "median", v[(v.length - 1) / 2]);
            put(d, "p95", v[(int) (0.95 * (v.length - 1))]);
        });
        double threshold = modality.recommendedThreshold();
        node.put("threshold", threshold);
        ArrayNode bands = node.putArray("bands");
        for (int b = 0; b + 1 < QUALITY_BANDS.length; b++) {
            long genuine = 0;
            long misses = 0;
            for (int k = 0; k < scores.length; k++) {
                double poorer = Math.min(q[pairs.probes()[k]], q[pairs.candidates()[k]]);
                if (pairs.genuine()[k] && poorer >= QUALITY_BANDS[b] && poorer < QUALITY_BANDS[b + 1]) {
                    genuine++;
                    misses += scores[k] < threshold ? 1 : 0;
                }
            }
            ObjectNode band = bands.addObject();
            band.put("from", QUALITY_BANDS[b]);
            band.put("to", Math.min(100, QUALITY_BANDS[b + 1]));
            band.put("genuinePairs", genuine);
            put(band, "fnmr", genuine == 0 ? Double.NaN : (double) misses / genuine);
        }
        return node;
    }

    private static ObjectNode enrolmentFigures(Enrolment<?> enrolment, Modality<?> modality) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("attempted", enrolment.attempted());
        node.put("enrolled", enrolment.enrolled().size());
        node.put("refused", enrolment.refusals().size());
        put(node, "failureToEnrollRate", enrolment.failureToEnrollRate());
        node.put("note", modality.refusalNote());
        ArrayNode refused = node.putArray("refusedImages");
        for (Enrolment.Refusal r : enrolment.refusals()) {
            ObjectNode item = refused.addObject();
            item.put("dataset", r.sample().dataset());
            item.put("subject", r.sample().identity().subject());
            item.put("impression", r.sample().impression());
            item.put("file", r.sample().file().toString());
            item.put("reason", r.reason());
        }
        return node;
    }

    private ObjectNode verificationSection(List<SampleCatalog.Dataset> datasets, List<Sample> enrolled,
                                           VerificationPairs pairs, double[] scores) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("protocol", "every genuine pair (two impressions of one identity) and every impostor pair (two"
                + " identities), each unordered pair compared once with the earlier image as probe"
                + (pairs.sampled() ? String.format(Locale.ROOT, "; impostor pairs exceed --max-impostors %,d, so a"
                + " uniform random sample of %,d of the %,d was compared (seed %d)", settings.maxImpostors(),
                pairs.impostorsChosen(), pairs.impostorPairs(), settings.seed()) : "")
                + ". Per-dataset figures use the pairs within that dataset; pooled figures add cross-dataset impostors.");
        node.put("impostorPairsAvailable", pairs.impostorPairs());
        node.put("impostorPairsCompared", pairs.impostorsChosen());
        node.put("impostorsSampled", pairs.sampled());
        ArrayNode byDataset = node.putArray("byDataset");
        for (SampleCatalog.Dataset d : datasets) {
            byDataset.add(verificationFigures(d.label(), curve(enrolled, pairs, scores, d.label())));
        }
        node.set("pooled", verificationFigures("all datasets", curve(enrolled, pairs, scores, null)));
        return node;
    }

    private static ErrorCurve curve(List<Sample> enrolled, VerificationPairs pairs, double[] scores, String dataset) {
        var genuine = java.util.stream.DoubleStream.builder();
        var impostor = java.util.stream.DoubleStream.builder();
        for (int k = 0; k < scores.length; k++) {
            if (dataset != null && !(enrolled.get(pairs.probes()[k]).dataset().equals(dataset)
                    && enrolled.get(pairs.candidates()[k]).dataset().equals(dataset))) {
                continue;
            }
            (pairs.genuine()[k] ? genuine : impostor).add(scores[k]);
        }
        return ErrorCurve.of(genuine.build().toArray(), impostor.build().toArray());
    }

    ObjectNode verificationFigures(String scope, ErrorCurve curve) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("scope", scope);
        node.put("genuineComparisons", curve.matedCount());
        node.put("impostorComparisons", curve.nonMatedCount());
        put(node, "genuineMean", curve.matedMean());
        put(node, "impostorMean", curve.nonMatedMean());
        ErrorCurve.Eer eer = curve.equalErrorRate();
        ObjectNode eerNode = node.putObject("eer");
        if (eer != null) {
            put(eerNode, "value", eer.value());
            put(eerNode, "low", eer.low());
            put(eerNode, "high", eer.high());
            put(eerNode, "threshold", eer.threshold());
        }
        curveFigures(node, curve, CurveNames.VERIFICATION, FMR_TARGETS);
        return node;
    }

    /** How one error curve is named in the JSON: 1:1 (FMR/FNMR) or open-set 1:N (FPIR/FNIR). */
    private record CurveNames(String targets, String falseRate, String missRate, String matedLabel,
                              String nonMatedLabel, boolean searches) {
        static final CurveNames VERIFICATION = new CurveNames("fnmrAtFmr", "fmr", "fnmr", "genuine", "impostor", false);
        static final CurveNames IDENTIFICATION =
                new CurveNames("fnirAtFpir", "fpir", "fnir", "mateAtRank1", "nonMatedTop", true);

        String note(String note) {
            return searches ? note.replace("non-mated scores", "non-mated searches") : note;
        }
    }

    /** Miss rates at fixed false rates, the recommended threshold, the sweep, the DET points and the histogram. */
    private void curveFigures(ObjectNode node, ErrorCurve curve, CurveNames names, double[] targetRates) {
        ArrayNode targets = node.putArray(names.targets());
        for (double target : targetRates) {
            ErrorCurve.OperatingPoint p = curve.atFalseMatchRate(target);
            ObjectNode t = targets.addObject();
            t.put(names.falseRate(), target);
            t.put("resolvable", p.resolvable());
            put(t, "threshold", p.threshold());
            put(t, names.falseRate() + "Measured", p.falseMatchRate());
            put(t, names.missRate(), p.falseNonMatchRate());
            if (p.note() != null) {
                t.put("note", names.note(p.note()));
            }
        }
        double recommended = modality.recommendedThreshold();
        ObjectNode at = node.putObject("atRecommendedThreshold");
        at.put("threshold", recommended);
        put(at, names.falseRate(), curve.falseMatchRate(recommended));
        put(at, names.missRate(), curve.falseNonMatchRate(recommended));
        ArrayNode sweep = node.putArray("sweep");
        for (double t : SWEEP) {
            ObjectNode s = sweep.addObject();
            s.put("threshold", t);
            put(s, names.falseRate(), curve.falseMatchRate(t));
            put(s, names.missRate(), curve.falseNonMatchRate(t));
        }
        ArrayNode det = node.putArray("det");
        for (ErrorCurve.Point p : curve.points(DET_POINTS)) {
            ObjectNode d = det.addObject();
            put(d, "threshold", p.threshold());
            put(d, names.falseRate(), p.falseMatchRate());
            put(d, names.missRate(), p.falseNonMatchRate());
        }
        histogram(node, curve, names.matedLabel(), names.nonMatedLabel());
    }

    private ObjectNode identificationSection(Identities identities, ProbeGalleryScores gallery) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (identities.count() < 2) {
            node.put("skipped", "open-set identification needs at least 2 enrolled identities, has " + identities.count());
            return node;
        }
        OpenSetSearches searches = new OpenSetSearches();
        int[] counts = new int[identities.count()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = identities.sampleCount(i);
        }
        for (int round = 0; round < settings.rounds(); round++) {
            searches.split(counts, settings.enrolledFraction(), Seeds.random(settings.seed(), "open-set", round),
                    (a, s, b) -> gallery.score(identities.samplesOf(a)[s], b));
        }
        OpenSetSearches.Result result = searches.result();
        node.put("protocol", String.format(Locale.ROOT, "ISO/IEC 19795-1 open-set identification: in each of %d"
                        + " split(s) a random %.0f%% of the identities is enrolled with its first impression (the"
                        + " gallery); the other impressions of enrolled identities are mated searches, every impression"
                        + " of the identities left out is a non-mated search. Candidate list of length 1: a mated"
                        + " search succeeds at threshold t when its mate ranks first with a score of at least t; a"
                        + " non-mated search is a false positive when its best candidate reaches t.",
                settings.rounds(), 100 * settings.enrolledFraction()));
        identificationFigures(node, result);
        return node;
    }

    void identificationFigures(ObjectNode node, OpenSetSearches.Result result) {
        ErrorCurve curve = result.identification();
        node.put("splits", result.splits());
        node.put("gallerySizeMin", result.minGallery());
        node.put("gallerySizeMax", result.maxGallery());
        node.put("enrolledIdentities", result.enrolledIdentities());
        node.put("leftOutIdentities", result.leftOutIdentities());
        node.put("matedSearches", curve.matedCount());
        node.put("nonMatedSearches", curve.nonMatedCount());
        node.put("rank", 1);
        put(node, "rank1IdentificationRate", curve.matedCount() == 0 ? Double.NaN
                : 1 - (double) curve.matedNeverMatched() / curve.matedCount());
        curveFigures(node, curve, CurveNames.IDENTIFICATION, FPIR_TARGETS);
    }

    private ObjectNode fusionSection(Identities identities, ProbeGalleryScores gallery) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        int pool = identities.count();
        List<Integer> feasible = settings.fusionLevels().stream()
                .filter(n -> n <= modality.maxPositions() && pool / n >= 2).toList();
        int persons = feasible.isEmpty() ? 0 : pool / feasible.getLast();
        node.put("protocol", String.format(Locale.ROOT, "chimeric persons: each round deals the %d enrolled"
                + " identities (fingers or eyes, from every dataset) out at random, n to a virtual person at the"
                + " positions listed; none twice in a round. Every level uses the same number of persons per round, %d"
                + " (as many as the largest level allows), so all levels search galleries of the same size. Each round"
                + " is an open-set split as in 'identification' (enrolled fraction %.2f); persons are compared with the"
                + " engine's rule (same positions compared, scores fused by Fisher's method, ScoreFusion/PersonProbe)."
                + " Rounds re-use the same single comparisons in new combinations, so the searches of different"
                + " rounds are not independent.", pool, persons, settings.enrolledFraction()));
        node.put("fingerPool", pool);
        node.put("personsPerRound", persons);
        node.put("gallerySizePerRound", persons >= 2 ? OpenSetSearches.enrolledCount(persons, settings.enrolledFraction()) : 0);
        node.put("rounds", settings.chimericRounds());
        node.put("seed", settings.seed());
        ArrayNode skipped = node.putArray("skippedLevels");
        for (int n : settings.fusionLevels()) {
            if (!feasible.contains(n)) {
                skipped.addObject().put("positions", n).put("reason", n > modality.maxPositions()
                        ? "a person has at most " + modality.maxPositions() + " positions"
                        : "needs at least " + 2 * n + " identities for 2 persons, has " + pool);
            }
        }
        ArrayNode levels = node.putArray("levels");
        for (int n : feasible) {
            long start = System.nanoTime();
            OpenSetSearches.Result result = ChimericPersons.evaluate(gallery, modality, n, persons,
                    settings.chimericRounds(), settings.enrolledFraction(), settings.seed());
            log.printf(Locale.ROOT, "fusion of %d: %,d rounds in %.1f s%n", n, settings.chimericRounds(), seconds(start));
            log.flush();
            ObjectNode level = levels.addObject();
            level.put("positions", n);
            ArrayNode names = level.putArray("positionNames");
            modality.positions(n).forEach(names::add);
            level.put("personsFormed", (long) persons * settings.chimericRounds());
            ObjectNode identification = level.putObject("identification");
            identificationFigures(identification, result);
            level.set("verification", verificationFigures(n + " fused, person vs person", result.verification()));
        }
        return node;
    }

    private static void histogram(ObjectNode node, ErrorCurve curve, String matedName, String nonMatedName) {
        ErrorCurve.Histogram h = curve.histogram(BIN_WIDTH, BINS);
        ObjectNode hist = node.putObject("histogram");
        hist.put("binWidth", h.binWidth());
        hist.put("lastBinOpen", true);
        ArrayNode m = hist.putArray(matedName);
        for (long c : h.mated()) {
            m.add(c);
        }
        ArrayNode n = hist.putArray(nonMatedName);
        for (long c : h.nonMated()) {
            n.add(c);
        }
    }

    /** Writes a finite number, or null for NaN/∞ (JSON has neither). */
    static void put(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private int dpiFor(String label, Set<String> used) {
        used.add(label);
        return settings.folderDpi().getOrDefault(label, settings.dpi());
    }

    private static String unique(Set<String> labels, String label) {
        String candidate = label;
        for (int i = 2; !labels.add(candidate); i++) {
            candidate = label + "-" + i;
        }
        return candidate;
    }

    private static String name(Path path) {
        Path file = path.toAbsolutePath().normalize().getFileName();
        return file == null ? path.toString() : file.toString();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
