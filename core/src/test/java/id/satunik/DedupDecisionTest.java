package id.satunik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-NIK-per-person rule on its own, without images. */
class DedupDecisionTest {
    private static final Nik A = Nik.parse("3507010101900001");
    private static final Nik B = Nik.parse("3507010101900002");
    private static final Nik C = Nik.parse("3507010101900003");
    private static final double T = 40;

    private static Candidate c(Nik nik, double score) {
        return new Candidate(nik, score, Map.of(FingerPosition.RIGHT_THUMB, score));
    }

    @Test
    void newNikWithoutMatchIsEnrolled() {
        DedupDecision d = DedupDecision.decide(A, null, List.of(c(B, 39.9), c(C, 3)), T);
        assertInstanceOf(DedupDecision.Enrolled.class, d);
        assertEquals(List.of(), d.matches());
    }

    @Test
    void newNikMatchingOthersIsADuplicateListingEveryMatchBestFirst() {
        DedupDecision d = DedupDecision.decide(A, null, List.of(c(C, 50), c(B, 120), c(Nik.parse("3507010101900004"), 12)), T);
        assertInstanceOf(DedupDecision.Duplicate.class, d);
        assertEquals(List.of(B, C), d.matches().stream().map(Candidate::nik).toList());
        assertTrue(d.reason().contains("NIK 3507010101900002 (score 120.0)"), d.reason());
    }

    @Test
    void enrolledNikWithItsOwnBiometricsIsAlreadyEnrolled() {
        DedupDecision d = DedupDecision.decide(A, c(A, 80), List.of(c(A, 80)), T);
        assertInstanceOf(DedupDecision.AlreadyEnrolled.class, d);
        assertEquals(List.of(), d.matches(), "the holder is not listed as a match against itself");
    }

    @Test
    void enrolledNikWithSomeoneElsesBiometricsIsANikConflict() {
        DedupDecision d = DedupDecision.decide(A, c(A, 4), List.of(c(B, 90), c(A, 4)), T);
        assertInstanceOf(DedupDecision.NikConflict.class, d);
        assertEquals(List.of(B), d.matches().stream().map(Candidate::nik).toList());
        assertTrue(d.reason().contains("does not match (score 4.0)"), d.reason());
    }

    @Test
    void holderSharingNoFingerIsAConflictThatSaysSo() {
        DedupDecision d = DedupDecision.decide(A, new Candidate(A, 0, Map.of()), List.of(), T);
        assertInstanceOf(DedupDecision.NikConflict.class, d);
        assertTrue(d.reason().contains("shares no finger position"), d.reason());
    }

    @Test
    void thresholdIsInclusive() {
        assertInstanceOf(DedupDecision.Duplicate.class, DedupDecision.decide(A, null, List.of(c(B, 40)), T));
        assertInstanceOf(DedupDecision.AlreadyEnrolled.class, DedupDecision.decide(A, c(A, 40), List.of(), T));
    }
}
