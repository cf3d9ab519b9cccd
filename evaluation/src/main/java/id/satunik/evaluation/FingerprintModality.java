package id.satunik.evaluation;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.FingerQuality;
import id.satunik.matcher.PreparedFinger;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.MatchRule;
import id.satunik.matcher.ScoreFusion;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Fingerprints as the engine handles them: {@link FingerprintExtractor} (with its refusals: unreadable, too
 * small, blank, fewer than {@value FingerprintExtractor#MIN_MINUTIAE} minutiae), SourceAFIS comparison, and
 * {@link ScoreFusion} across fingers: {@link MatchRule}, the rule the engine scores with.
 *
 * <p>Thread-safe: stateless; SourceAFIS templates and matchers are immutable.
 */
final class FingerprintModality implements Modality<FingerprintModality.Finger> {
    /** One enrolled image: its template and the quality of the image and its minutiae ({@link FingerQuality}). */
    record Finger(FingerprintTemplate template, FingerQuality quality) {
    }

    /**
     * Positions used for persons of 1, 2, 4 and 10 fingers: a single index finger, both index fingers, thumbs and
     * index fingers, then all ten — the order in which civil registries add fingers.
     */
    private static final List<FingerPosition> ORDER = List.of(
            FingerPosition.RIGHT_INDEX, FingerPosition.LEFT_INDEX, FingerPosition.RIGHT_THUMB,
            FingerPosition.LEFT_THUMB, FingerPosition.RIGHT_MIDDLE, FingerPosition.LEFT_MIDDLE,
            FingerPosition.RIGHT_RING, FingerPosition.LEFT_RING, FingerPosition.RIGHT_LITTLE,
            FingerPosition.LEFT_LITTLE);

    private final FingerprintExtractor extractor = new FingerprintExtractor();

    @Override
    public String name() {
        return "finger";
    }

    @Override
    public String scoreScale() {
        return "SourceAFIS similarity score, calibrated so that score ≈ -10·log10(FMR) (20 ≈ 1%, 40 ≈ 0.01%);"
                + " a comparison matches when its score is at least the threshold";
    }

    @Override
    public double recommendedThreshold() {
        return MatchRule.DEFAULT_THRESHOLD;
    }

    @Override
    public String refusalNote() {
        return "images the extractor refuses (unreadable, too small, blank, too few minutiae) are failures to enroll;"
                + " they are excluded from every comparison below";
    }

    @Override
    public Finger extract(Sample sample) {
        // The position is a label only: SourceAFIS compares any finger with any finger.
        PreparedFinger finger = extractor.prepare(FingerPosition.RIGHT_INDEX, ImageSource.of(sample.file()), sample.dpi());
        return new Finger(finger.template(), finger.quality());
    }

    @Override
    public ToDoubleFunction<Finger> probe(Finger template) {
        FingerprintMatcher matcher = new FingerprintMatcher(template.template());
        return candidate -> MatchRule.finger(matcher, candidate.template());
    }

    @Override
    public double quality(Finger template) {
        return template.quality() == null ? Double.NaN : template.quality().score();
    }

    @Override
    public double fuse(double[] scores) {
        return MatchRule.fuse(scores);
    }

    @Override
    public List<String> positions(int count) {
        return ORDER.subList(0, count).stream().map(FingerPosition::name).toList();
    }

    @Override
    public int maxPositions() {
        return ORDER.size();
    }
}
