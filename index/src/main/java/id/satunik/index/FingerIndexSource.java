package id.satunik.index;

import id.satunik.Nik;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Proposes the shortlist of the finger pre-selection ({@link FingerPreselection} over the {@link FingerIndex}).
 *
 * <p>Shortlist sizes, in persons: a probe of one or two fingers keeps {@value #FEW_FINGERS_PER_MILLE}‰ of the
 * gallery, at least {@value #FEW_FINGERS_MIN}; a probe of three fingers or more, whose fused evidence separates
 * mates far better, keeps {@value #MANY_FINGERS_PER_100K} in 100,000, at least {@value #MANY_FINGERS_MIN}, after a
 * first stage that keeps 1/{@value #FIRST_STAGE_DIVISOR} of the gallery, at least {@value #FIRST_STAGE_MIN}. The
 * recall these sizes give on real prints, and what they cost, are measured in docs/benchmarks.md.
 *
 * <p>Thread-safe.
 */
final class FingerIndexSource implements CandidateSource {
    static final int FEW_FINGERS_PER_MILLE = 10;
    static final int FEW_FINGERS_MIN = 256;
    static final int MANY_FINGERS_PER_100K = 10;
    static final int MANY_FINGERS_MIN = 64;
    static final int FIRST_STAGE_DIVISOR = 256;
    static final int FIRST_STAGE_MIN = 4096;

    private final FingerIndex index;
    private final FingerPreselection preselection;
    private final LongAdder examined = new LongAdder();

    FingerIndexSource(FingerIndex index, FingerPreselection preselection) {
        this.index = index;
        this.preselection = preselection;
    }

    static int shortlist(long persons, int probeFingers) {
        long size = probeFingers >= FingerPreselection.STAGE_A_MIN_FINGERS
                ? Math.max(MANY_FINGERS_MIN, persons * MANY_FINGERS_PER_100K / 100_000)
                : Math.max(FEW_FINGERS_MIN, persons * FEW_FINGERS_PER_MILLE / 1000);
        return (int) Math.min(Integer.MAX_VALUE - 8, size);
    }

    static int firstStage(long persons) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(FIRST_STAGE_MIN, persons / FIRST_STAGE_DIVISOR));
    }

    @Override
    public List<Proposal> propose(SearchProbe probe, int limit, double threshold) {
        if (probe.fingers().isEmpty()) {
            return List.of();
        }
        long persons = index.size();
        FingerPreselection.Shortlist shortlist = preselection.select(probe.query(), index,
                Math.max(limit, shortlist(persons, probe.fingers().size())), firstStage(persons));
        examined.add(shortlist.scanned());
        List<Proposal> out = new ArrayList<>(shortlist.size());
        for (long ordinal : shortlist.ordinals()) {
            out.add(new Proposal(Nik.fromLong(index.nikAt(ordinal)), Proposal.Source.FINGER_INDEX, ordinal, null));
        }
        return out;
    }

    @Override
    public long examined() {
        return examined.sum();
    }
}
