package id.satunik.evaluation;

import id.satunik.EyePosition;
import id.satunik.ImageSource;
import id.satunik.matcher.IrisExtractor;
import id.satunik.matcher.IrisMatcher;
import id.satunik.matcher.IrisTemplate;
import id.satunik.matcher.MatchRule;
import id.satunik.matcher.ScoreFusion;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Irises as the engine handles them: {@link IrisExtractor} (with its refusals: unreadable, blank, no iris found,
 * too little usable iris), {@link IrisMatcher} (rotation-compensated normalised Hamming distance, calibrated to the
 * SourceAFIS scale), and {@link ScoreFusion} across the two eyes, all of it {@link MatchRule}, the rule the engine scores with. An
 * identity is one eye.
 *
 * <p>Thread-safe: stateless; iris templates are immutable.
 */
final class IrisModality implements Modality<IrisTemplate> {
    /** A person of one eye uses the right one, as the engine's records list them. */
    private static final List<EyePosition> ORDER = List.of(EyePosition.RIGHT, EyePosition.LEFT);

    private final IrisExtractor extractor = new IrisExtractor();

    @Override
    public String name() {
        return "iris";
    }

    @Override
    public String scoreScale() {
        return "IrisMatcher score: the normalised Hamming distance at the best rotation, calibrated so that"
                + " score ≈ -10·log10(FMR) as SourceAFIS (20 ≈ 1%, 40 ≈ 0.01%); the recommended threshold 40 is a"
                + " distance ≤ 0.3573; a comparison matches when its score is at least the threshold";
    }

    @Override
    public double recommendedThreshold() {
        return MatchRule.DEFAULT_THRESHOLD;
    }

    @Override
    public String refusalNote() {
        return "images the extractor refuses (unreadable, blank, no iris found, too little usable iris left by"
                + " eyelids, lashes and reflections) are failures to enroll; they are excluded from every comparison below";
    }

    @Override
    public IrisTemplate extract(Sample sample) {
        // The eye is a label only: the matcher compares any eye with any eye.
        return extractor.extract(EyePosition.RIGHT, ImageSource.of(sample.file()));
    }

    @Override
    public double quality(IrisTemplate template) {
        return template.quality().score();
    }

    @Override
    public String qualityNote() {
        return "quality 0-100 per eye image (IrisQuality, ISO/IEC 29794-6 spirit): the geometric mean of usable iris"
                + " area, pupil/iris ratio, pupil and iris contrast, sharpness, concentricity and margin"
                + " (docs/iris.md, Quality)";
    }

    @Override
    public ToDoubleFunction<IrisTemplate> probe(IrisTemplate template) {
        return candidate -> MatchRule.eye(template, candidate);
    }

    @Override
    public double fuse(double[] scores) {
        return MatchRule.fuse(scores, 0); // the engine's rule: each eye its own group
    }

    @Override
    public List<String> positions(int count) {
        return ORDER.subList(0, count).stream().map(EyePosition::name).toList();
    }

    @Override
    public int maxPositions() {
        return ORDER.size();
    }
}
