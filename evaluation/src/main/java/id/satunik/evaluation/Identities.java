package id.satunik.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enrolled samples grouped by identity, in input order: identity i's samples are
 * {@code samplesOf(i)} (impression order), and the first of them is its enrolment sample whenever a protocol
 * enrolls that identity in a gallery.
 *
 * <p>Immutable; thread-safe.
 */
final class Identities {
    private final List<Sample.Identity> identities;
    private final int[][] samplesOf;
    private final int[] identityOf;

    Identities(List<Sample> samples) {
        Map<Sample.Identity, List<Integer>> groups = new LinkedHashMap<>();
        for (int s = 0; s < samples.size(); s++) {
            groups.computeIfAbsent(samples.get(s).identity(), k -> new ArrayList<>()).add(s);
        }
        this.identities = List.copyOf(groups.keySet());
        this.samplesOf = new int[identities.size()][];
        this.identityOf = new int[samples.size()];
        int i = 0;
        for (List<Integer> group : groups.values()) {
            samplesOf[i] = group.stream().mapToInt(Integer::intValue).toArray();
            for (int s : samplesOf[i]) {
                identityOf[s] = i;
            }
            i++;
        }
    }

    int count() {
        return identities.size();
    }

    Sample.Identity get(int identity) {
        return identities.get(identity);
    }

    int[] samplesOf(int identity) {
        return samplesOf[identity];
    }

    int sampleCount(int identity) {
        return samplesOf[identity].length;
    }

    int identityOf(int sample) {
        return identityOf[sample];
    }

    int enrolmentSample(int identity) {
        return samplesOf[identity][0];
    }
}
