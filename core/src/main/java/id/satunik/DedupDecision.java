package id.satunik;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one decision every submitted record gets. Sealed: a report consumer can switch over all five kinds.
 *
 * <p>All implementations are immutable records; thread-safe.
 */
public sealed interface DedupDecision {

    /** The kinds, as written in reports. */
    enum Kind { ENROLLED, DUPLICATE, NIK_CONFLICT, ALREADY_ENROLLED, REJECTED }

    /** The NIK as submitted (may be malformed for {@link Rejected}). */
    String nik();

    Kind kind();

    /** Enrolled persons whose biometrics match the record, best first (empty when none). */
    List<Candidate> matches();

    /** Why, in one sentence. */
    String reason();

    /**
     * Samples of the record that were left out as unusable (a blank or ridge-less finger image), each with its
     * reason; the decision rests on the other samples. Empty for {@link Rejected}.
     */
    List<String> droppedSamples();

    /**
     * The person-score threshold this decision was taken with (fixed, or derived from the target FPIR and the
     * gallery size at the time); NaN when no biometric decision was taken ({@link Rejected}).
     */
    default double threshold() {
        return Double.NaN;
    }

    /**
     * Enrolled persons whose name, birth date and region resemble the record's ({@link DedupEngine#searchDemographics}),
     * most alike first, for the operator who adjudicates a {@link Duplicate} or {@link NikConflict}; they may include
     * the matched persons and the NIK's holder. Empty for the other kinds and for records without demographics.
     */
    default List<DemographicHit> lookAlikes() {
        return List.of();
    }

    /** This decision with its demographic look-alikes; kinds that carry none come back unchanged. */
    default DedupDecision withLookAlikes(List<DemographicHit> lookAlikes) {
        return this;
    }

    /**
     * The quality of each submitted finger that was used (see {@link FingerQuality}), in position order; empty for
     * {@link Rejected} and for a record without fingers.
     */
    default List<FingerQuality> fingerQuality() {
        return List.of();
    }

    /** This decision with the submitted fingers' quality attached (a {@link Rejected} stays as it is). */
    default DedupDecision withFingerQuality(List<FingerQuality> quality) {
        return withQuality(quality, irisQuality());
    }

    /**
     * The quality of each submitted eye that was used (see {@link EyeQuality}), right eye first; empty for
     * {@link Rejected} and for a record without eyes. Eyes dropped as unusable are listed in {@link #droppedSamples()}
     * with their reason instead.
     */
    default List<EyeQuality> irisQuality() {
        return List.of();
    }

    /** This decision with the submitted eyes' quality attached (a {@link Rejected} stays as it is). */
    default DedupDecision withIrisQuality(List<EyeQuality> quality) {
        return withQuality(fingerQuality(), quality);
    }

    private DedupDecision withQuality(List<FingerQuality> fingers, List<EyeQuality> eyes) {
        return switch (this) {
            case Enrolled d -> new Enrolled(d.nik(), d.droppedSamples(), d.threshold(), d.searched(), fingers, eyes);
            case Duplicate d -> new Duplicate(d.nik(), d.matches(), d.droppedSamples(), d.threshold(), d.lookAlikes(),
                    fingers, eyes);
            case NikConflict d -> new NikConflict(d.nik(), d.holder(), d.matches(), d.droppedSamples(), d.threshold(),
                    d.lookAlikes(), fingers, eyes);
            case AlreadyEnrolled d -> new AlreadyEnrolled(d.nik(), d.holder(), d.matches(), d.droppedSamples(),
                    d.threshold(), fingers, eyes);
            case Rejected d -> d;
        };
    }

    /**
     * The one-NIK-per-person rule.
     *
     * @param nik        the submitted, valid NIK
     * @param holder     the search result for the person already enrolled under {@code nik}, or null when the
     *                   NIK is new (a holder that shares no modality with the record has score 0)
     * @param candidates the ranked 1:N search result over the gallery, the holder possibly among them
     * @param threshold  person score from which two records are the same person
     */
    static DedupDecision decide(Nik nik, Candidate holder, List<Candidate> candidates, double threshold) {
        return decide(nik, holder, candidates, threshold, List.of());
    }

    /** As {@link #decide(Nik, Candidate, List, double)}, for a record some of whose samples were unusable. */
    static DedupDecision decide(Nik nik, Candidate holder, List<Candidate> candidates, double threshold,
                                List<String> dropped) {
        List<Candidate> others = candidates.stream()
                .filter(c -> c.score() >= threshold && !c.nik().equals(nik))
                .sorted(Candidate.RANKING)
                .toList();
        if (holder != null) {
            return holder.score() >= threshold
                    ? new AlreadyEnrolled(nik.value(), holder, others, dropped, threshold)
                    : new NikConflict(nik.value(), holder, others, dropped, threshold);
        }
        return others.isEmpty() ? new Enrolled(nik.value(), dropped, threshold)
                : new Duplicate(nik.value(), others, dropped, threshold);
    }

    /**
     * New NIK, no biometric match: the person was added to the gallery.
     *
     * @param threshold the person-score threshold the decision was taken with; NaN when nothing was searched
     * @param searched  false when the record was enrolled without a biometric search ({@link DedupEngine#enroll})
     */
    record Enrolled(String nik, List<String> droppedSamples, double threshold, boolean searched,
                    List<FingerQuality> fingerQuality, List<EyeQuality> irisQuality) implements DedupDecision {
        public Enrolled {
            Objects.requireNonNull(nik);
            droppedSamples = List.copyOf(droppedSamples);
            fingerQuality = List.copyOf(fingerQuality);
            irisQuality = List.copyOf(irisQuality);
        }

        public Enrolled(String nik, List<String> droppedSamples, double threshold, boolean searched,
                        List<FingerQuality> fingerQuality) {
            this(nik, droppedSamples, threshold, searched, fingerQuality, List.of());
        }

        public Enrolled(String nik, List<String> droppedSamples, double threshold, boolean searched) {
            this(nik, droppedSamples, threshold, searched, List.of());
        }

        /** Searched, no match at {@code threshold}. */
        public Enrolled(String nik, List<String> droppedSamples, double threshold) {
            this(nik, droppedSamples, threshold, true);
        }

        /** Enrolled with or without a search, no threshold recorded. */
        public Enrolled(String nik, List<String> droppedSamples, boolean searched) {
            this(nik, droppedSamples, Double.NaN, searched);
        }

        /** Enrolled without a biometric search (an {@code enroll} load): threshold NaN. */
        public Enrolled(String nik, List<String> droppedSamples) {
            this(nik, droppedSamples, Double.NaN, false);
        }

        public Enrolled(String nik) {
            this(nik, List.of());
        }

        @Override
        public Kind kind() {
            return Kind.ENROLLED;
        }

        @Override
        public List<Candidate> matches() {
            return List.of();
        }

        @Override
        public String reason() {
            return (searched ? "no biometric match in the gallery; enrolled"
                    : "enrolled without a biometric search (enroll loads an already deduplicated register)")
                    + leftOut(droppedSamples);
        }
    }

    /** The biometrics match a person enrolled under another NIK: not enrolled. */
    record Duplicate(String nik, List<Candidate> matches, List<String> droppedSamples, double threshold,
                     List<DemographicHit> lookAlikes, List<FingerQuality> fingerQuality, List<EyeQuality> irisQuality)
            implements DedupDecision {
        public Duplicate(String nik, List<Candidate> matches, List<String> droppedSamples, double threshold,
                         List<DemographicHit> lookAlikes, List<FingerQuality> fingerQuality) {
            this(nik, matches, droppedSamples, threshold, lookAlikes, fingerQuality, List.of());
        }

        public Duplicate(String nik, List<Candidate> matches, List<String> droppedSamples) {
            this(nik, matches, droppedSamples, Double.NaN);
        }

        public Duplicate(String nik, List<Candidate> matches, List<String> droppedSamples, double threshold) {
            this(nik, matches, droppedSamples, threshold, List.of(), List.of());
        }

        public Duplicate {
            Objects.requireNonNull(nik);
            matches = List.copyOf(matches);
            droppedSamples = List.copyOf(droppedSamples);
            lookAlikes = List.copyOf(lookAlikes);
            fingerQuality = List.copyOf(fingerQuality);
            irisQuality = List.copyOf(irisQuality);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("a duplicate needs at least one match");
            }
        }

        @Override
        public Kind kind() {
            return Kind.DUPLICATE;
        }

        @Override
        public Duplicate withLookAlikes(List<DemographicHit> found) {
            return new Duplicate(nik, matches, droppedSamples, threshold, found, fingerQuality, irisQuality);
        }

        @Override
        public String reason() {
            return "same person as " + describe(matches) + "; not enrolled" + leftOut(droppedSamples);
        }
    }

    /** The NIK is enrolled, but to a person with other biometrics: not enrolled. */
    record NikConflict(String nik, Candidate holder, List<Candidate> matches, List<String> droppedSamples,
                       double threshold, List<DemographicHit> lookAlikes, List<FingerQuality> fingerQuality,
                       List<EyeQuality> irisQuality) implements DedupDecision {
        public NikConflict(String nik, Candidate holder, List<Candidate> matches, List<String> droppedSamples,
                           double threshold, List<DemographicHit> lookAlikes, List<FingerQuality> fingerQuality) {
            this(nik, holder, matches, droppedSamples, threshold, lookAlikes, fingerQuality, List.of());
        }

        public NikConflict(String nik, Candidate holder, List<Candidate> matches, List<String> droppedSamples) {
            this(nik, holder, matches, droppedSamples, Double.NaN);
        }

        public NikConflict(String nik, Candidate holder, List<Candidate> matches, List<String> droppedSamples,
                           double threshold) {
            this(nik, holder, matches, droppedSamples, threshold, List.of(), List.of());
        }

        public NikConflict {
            Objects.requireNonNull(nik);
            Objects.requireNonNull(holder);
            matches = List.copyOf(matches);
            droppedSamples = List.copyOf(droppedSamples);
            lookAlikes = List.copyOf(lookAlikes);
            fingerQuality = List.copyOf(fingerQuality);
            irisQuality = List.copyOf(irisQuality);
        }

        @Override
        public Kind kind() {
            return Kind.NIK_CONFLICT;
        }

        @Override
        public NikConflict withLookAlikes(List<DemographicHit> found) {
            return new NikConflict(nik, holder, matches, droppedSamples, threshold, found, fingerQuality,
                    irisQuality);
        }

        @Override
        public String reason() {
            String holderPart = holder.fingerScores().isEmpty() && holder.irisScores().isEmpty()
                    ? "the person enrolled under this NIK shares no finger position and no eye with the record"
                    : String.format(Locale.ROOT, "the person enrolled under this NIK does not match (score %.1f)",
                            holder.score());
            return holderPart + (matches.isEmpty() ? "" : "; the biometrics match " + describe(matches))
                    + "; not enrolled" + leftOut(droppedSamples);
        }
    }

    /** Same NIK, same person: a re-submission, nothing changes. */
    record AlreadyEnrolled(String nik, Candidate holder, List<Candidate> matches, List<String> droppedSamples,
                           double threshold, List<FingerQuality> fingerQuality, List<EyeQuality> irisQuality)
            implements DedupDecision {
        public AlreadyEnrolled(String nik, Candidate holder, List<Candidate> matches, List<String> droppedSamples,
                               double threshold, List<FingerQuality> fingerQuality) {
            this(nik, holder, matches, droppedSamples, threshold, fingerQuality, List.of());
        }

        public AlreadyEnrolled(String nik, Candidate holder, List<Candidate> matches, List<String> droppedSamples) {
            this(nik, holder, matches, droppedSamples, Double.NaN);
        }

        public AlreadyEnrolled(String nik, Candidate holder, List<Candidate> matches, List<String> droppedSamples,
                               double threshold) {
            this(nik, holder, matches, droppedSamples, threshold, List.of());
        }

        public AlreadyEnrolled {
            Objects.requireNonNull(nik);
            Objects.requireNonNull(holder);
            matches = List.copyOf(matches);
            droppedSamples = List.copyOf(droppedSamples);
            fingerQuality = List.copyOf(fingerQuality);
            irisQuality = List.copyOf(irisQuality);
        }

        @Override
        public Kind kind() {
            return Kind.ALREADY_ENROLLED;
        }

        @Override
        public String reason() {
            return String.format(Locale.ROOT, "re-submission of the person enrolled under this NIK (score %.1f)",
                    holder.score())
                    + (matches.isEmpty() ? "" : "; also matches " + describe(matches) + ": review the gallery")
                    + "; nothing changed" + leftOut(droppedSamples);
        }
    }

    /** Bad input: nothing was enrolled or changed. */
    record Rejected(String nik, String reason) implements DedupDecision {
        public Rejected {
            Objects.requireNonNull(reason);
        }

        @Override
        public String nik() {
            return nik;
        }

        @Override
        public Kind kind() {
            return Kind.REJECTED;
        }

        @Override
        public List<Candidate> matches() {
            return List.of();
        }

        @Override
        public List<String> droppedSamples() {
            return List.of();
        }
    }

    private static String leftOut(List<String> dropped) {
        return dropped.isEmpty() ? "" : " (left out as unusable: " + String.join("; ", dropped) + ")";
    }

    private static String describe(List<Candidate> matches) {
        return matches.stream()
                .map(c -> String.format(Locale.ROOT, "NIK %s (score %.1f)", c.nik(), c.score()))
                .collect(Collectors.joining(", "));
    }
}
