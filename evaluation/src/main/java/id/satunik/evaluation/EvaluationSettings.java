package id.satunik.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to evaluate and how: the images, their resolution, the random draws and the parallelism of one run.
 *
 * <p>Thread-safe: immutable.
 *
 * @param inputs           folders named the FVC way
 * @param mappings         CSV mappings, one dataset each
 * @param dpi              resolution of every image unless {@code folderDpi} names its dataset
 * @param folderDpi        dataset label → resolution
 * @param sameSubjects     groups of dataset labels whose subject ids name the same fingers (or eyes)
 * @param seed             seeds every random choice
 * @param maxImpostors     above this many impostor pairs, a random sample of this size is compared
 * @param enrolledFraction share of identities enrolled in each open-set gallery
 * @param rounds           open-set splits for single samples
 * @param chimericRounds   random chimeric assignments per fusion level
 * @param fusionLevels     fingers per chimeric person
 * @param threads          parallelism of extraction and comparison
 */
public record EvaluationSettings(List<Path> inputs, List<Path> mappings, int dpi, Map<String, Integer> folderDpi,
                List<List<String>> sameSubjects, long seed,
                long maxImpostors, double enrolledFraction, int rounds, int chimericRounds,
                List<Integer> fusionLevels, int threads) {
    public EvaluationSettings {
        inputs = List.copyOf(inputs);
        mappings = List.copyOf(mappings);
        folderDpi = Map.copyOf(folderDpi);
        sameSubjects = sameSubjects.stream().map(List::copyOf).toList();
        fusionLevels = fusionLevels.stream().distinct().sorted().toList();
    }
}
