package id.satunik.evaluation;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the evaluation needs from one biometric modality: extract a template from an image, compare templates,
 * fuse the scores of several positions of one person, and the positions a person has. Everything else
 * (protocols, error rates, reports) is modality-neutral, so another modality plugs in by implementing this.
 *
 * <p>Implementations must be thread-safe: {@link #extract} and the scorers of {@link #probe} run on many threads.
 *
 * @param <T> the modality's template, immutable
 */
interface Modality<T> {

    /** The name given on the command line ({@code --modality finger}). */
    String name();

    /** What a score means, for the report. */
    String scoreScale();

    /** The vendor's recommended 1:1 decision threshold (a comparison matches when its score reaches it). */
    double recommendedThreshold();

    /** What the extractor refuses, for the report's failure-to-enroll note. */
    String refusalNote();

    /**
     * Extracts the template of one image.
     *
     * @throws id.satunik.InvalidInputException when the image is refused (counted as failure to enroll)
     */
    T extract(Sample sample);

    /**
     * The sample's quality score (0-100), NaN when the modality has none: the report shows FNMR per quality band,
     * which is what a quality score is for (a poor score must predict failed genuine comparisons).
     */
    default double quality(T template) {
        return Double.NaN;
    }

    /** What {@link #quality} measures, one sentence for the report's quality section. */
    default String qualityNote() {
        return "quality 0-100 per image: the mean of ridge area, minutiae count and minutia reliability"
                + " (docs/design.md, Fingerprint quality)";
    }

    /** Prepares a probe for many comparisons; the returned scorer is thread-safe. */
    ToDoubleFunction<T> probe(T template);

    /** Fuses the scores of the positions two persons share (NaN = not compared) into one person score. */
    double fuse(double[] scores);

    /** The positions a person of {@code count} samples of this modality uses, in the order they are filled. */
    List<String> positions(int count);

    /** The largest number of positions one person has (10 fingers, 2 eyes). */
    int maxPositions();
}
