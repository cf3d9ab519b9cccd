package id.satunik.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenSetSearchesTest {

    @Test
    void enrolsTheFractionAndSearchesEveryOtherSample() {
        int[] samples = {3, 3, 2, 1, 3, 2};
        Set<Integer> gallery = new TreeSet<>();
        OpenSetSearches searches = new OpenSetSearches();
        searches.split(samples, 0.5, new Random(7), (a, s, b) -> {
            gallery.add(b);
            return a == b ? 50 : 10;
        });
        OpenSetSearches.Result result = searches.result();
        assertEquals(3, gallery.size(), "half of 6 identities enrolled");
        int mated = gallery.stream().mapToInt(i -> samples[i] - 1).sum();
        int nonMated = java.util.stream.IntStream.range(0, samples.length).filter(i -> !gallery.contains(i))
                .map(i -> samples[i]).sum();
        assertEquals(mated, result.identification().matedCount());
        assertEquals(nonMated, result.identification().nonMatedCount());
        assertEquals(0, result.identification().falseNonMatchRate(40), 1e-12, "every mate 50 ranks first");
        assertEquals(0, result.identification().falseMatchRate(40), 1e-12);
        assertEquals(1, result.identification().falseMatchRate(10), 1e-12, "every non-mated search returns a 10");
        assertEquals(mated, result.verification().matedCount());
        assertEquals(mated * 2 + nonMated * 3, result.verification().nonMatedCount(), "every non-mate gallery entry");
        assertEquals(3, result.minGallery());
    }

    @Test
    void aMateOutRankedByANonMateIsAMissAtEveryThreshold() {
        int[] samples = {2, 2, 2, 2};
        OpenSetSearches searches = new OpenSetSearches();
        Set<Integer> gallery = new TreeSet<>();
        // Every probe scores 60 against the lowest-numbered other gallery identity, its mate only 50.
        searches.split(samples, 0.5, new Random(1), (a, s, b) -> {
            gallery.add(b);
            return a == b ? 50 : 60;
        });
        ErrorCurve id = searches.result().identification();
        assertEquals(2, gallery.size());
        assertEquals(1, id.falseNonMatchRate(0), 1e-12, "both mated searches out-ranked");
        assertEquals(2, id.matedNeverMatched());
        assertEquals(1, id.falseMatchRate(60), 1e-12, "non-mated searches return the 60s");
    }

    @Test
    void keepsOneIdentityOnEachSide() {
        assertEquals(1, OpenSetSearches.enrolledCount(2, 0.01));
        assertEquals(1, OpenSetSearches.enrolledCount(2, 0.99));
        assertEquals(40, OpenSetSearches.enrolledCount(80, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new OpenSetSearches().split(new int[] {3}, 0.5, new Random(1), (a, s, b) -> 0));
    }
}
