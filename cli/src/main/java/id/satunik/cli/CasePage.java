package id.satunik.cli;

import id.satunik.EnrolledPerson;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.matcher.FingerPairing;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.ImagePreview;
import id.satunik.matcher.IrisExtractor;
import id.satunik.matcher.IrisMatcher;
import id.satunik.matcher.IrisTemplate;
import id.satunik.matcher.MinutiaTemplates;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The evidence of one case gathered and written as one self-contained HTML page: the decision and its reason, the
 * submitted record beside each enrolled person the decision names, and per finger and eye the images, the scores,
 * the paired minutiae and the iris codes with their masks. Every problem (an image missing, a NIK no longer
 * enrolled) is said on the page and handed to {@code problems}, and the page goes on without that piece.
 *
 * <p>Not thread-safe (the extractors are per page); one page per instance.
 */
final class CasePage {
    /** Where the images of an enrolled person can be found: a record of a manifest, and which one, for the page. */
    record KnownImages(EnrollmentRecord record, String source) {
    }

    private final ReportCase kase;
    private final EnrollmentRecord probe;
    private final String probeProblem;
    private final Function<String, Optional<EnrolledPerson>> store;
    private final Function<String, Optional<KnownImages>> images;
    private final Consumer<String> problems;
    private final FingerprintExtractor fingers = new FingerprintExtractor();
    private final IrisExtractor eyes = new IrisExtractor();
    private final StringBuilder html = new StringBuilder(256 * 1024);
    private int pairedMinutiae;

    /**
     * @param probe        the submitted record from the manifest, null when it cannot be had ({@code probeProblem} says why)
     * @param store        the enrolled person of a NIK
     * @param images       the images of an enrolled person, when a manifest holds them
     */
    CasePage(ReportCase kase, EnrollmentRecord probe, String probeProblem,
             Function<String, Optional<EnrolledPerson>> store, Function<String, Optional<KnownImages>> images,
             Consumer<String> problems) {
        this.kase = kase;
        this.probe = probe;
        this.probeProblem = probeProblem;
        this.store = store;
        this.images = images;
        this.problems = problems;
    }

    /** The case's name in messages and titles: its manifest line and NIK. */
    static String name(ReportCase kase) {
        return "case line " + kase.line() + " (NIK " + (kase.nik() == null ? "none" : kase.nik()) + ")";
    }

    /** Paired minutiae over all fingers of all candidates, once {@link #render} ran (for the index). */
    int pairedMinutiae() {
        return pairedMinutiae;
    }

    String render() {
        String title = kase.decision() + " - line " + kase.line() + ", NIK " + kase.nik();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(title)).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<p class=\"nav\"><a href=\"index.html\">all cases</a></p>\n");
        html.append("<h1><span class=\"decision ").append(Html.escape(kase.decision())).append("\">")
                .append(Html.escape(kase.decision())).append("</span> manifest line ").append(kase.line())
                .append(", NIK ").append(Html.escape(kase.nik())).append("</h1>\n");
        html.append("<p class=\"reason\"><b>Reason:</b> ").append(Html.escape(kase.reason())).append("</p>\n");
        html.append("<p class=\"threshold\"><b>Threshold:</b> person score ").append(Html.score(kase.threshold()))
                .append(" (scores are about -10&middot;log<sub>10</sub> of the false match rate: 40 &asymp; 0.01%)</p>\n");
        if (probe == null) {
            note("The submitted record cannot be shown: " + probeProblem);
        }
        for (ReportCase.ReportCandidate candidate : kase.candidates()) {
            candidate(candidate);
        }
        html.append("<p class=\"foot\">Written by satunik adjudicate. Minutiae: circle = ridge ending, square = "
                + "bifurcation; green = paired by SourceAFIS, orange = not paired; a coloured line joins each pair.</p>\n");
        return html.append("</body></html>\n").toString();
    }

    private void candidate(ReportCase.ReportCandidate candidate) {
        html.append("<section class=\"candidate\">\n<h2>")
                .append(candidate.holder() ? "Enrolled under this NIK: " : "Biometric match: ")
                .append("NIK ").append(Html.escape(candidate.nik())).append(" &mdash; person score <span class=\"score\">")
                .append(Html.score(candidate.score())).append("</span>")
                .append(Double.isNaN(kase.threshold()) ? "" : candidate.score() >= kase.threshold()
                        ? " (at or above the threshold: same person)" : " (below the threshold: not the same person)")
                .append("</h2>\n");
        Optional<EnrolledPerson> enrolled;
        try {
            enrolled = store.apply(candidate.nik());
        } catch (RuntimeException e) {
            enrolled = Optional.empty();
            problem("cannot read NIK " + candidate.nik() + " from the store: " + Problems.message(e));
        }
        if (enrolled.isEmpty()) {
            problem("NIK " + candidate.nik() + " is not enrolled in the store (deleted or corrected since the report,"
                    + " or another store)");
            demographics(null, candidate.nik());
            html.append("</section>\n");
            return;
        }
        EnrolledPerson person = enrolled.get();
        Optional<KnownImages> known = images.apply(candidate.nik());
        demographics(person, candidate.nik());
        if (known.isPresent()) {
            html.append("<p class=\"source\">Images of the enrolled person: ").append(Html.escape(known.get().source()))
                    .append(", shown only where they give exactly the stored template.</p>\n");
        } else {
            html.append("<p class=\"source\">No image of the enrolled person is known (the store keeps templates, "
                    + "not images; give the manifest it was enrolled from with --gallery-manifest): its minutiae "
                    + "are drawn from the stored template on a blank canvas.</p>\n");
        }
        Set<FingerPosition> positions = EnumSet.noneOf(FingerPosition.class);
        positions.addAll(candidate.fingers().keySet());
        if (probe != null) {
            probe.fingers().keySet().stream().filter(person.fingers()::containsKey).forEach(positions::add);
        }
        for (FingerPosition position : positions) {
            finger(position, candidate, person, known.map(KnownImages::record).orElse(null));
        }
        Set<EyePosition> eyePositions = EnumSet.noneOf(EyePosition.class);
        eyePositions.addAll(candidate.irises().keySet());
        if (probe != null) {
            probe.irises().keySet().stream().filter(person.irises()::containsKey).forEach(eyePositions::add);
        }
        for (EyePosition eye : eyePositions) {
            eye(eye, candidate, person, known.map(KnownImages::record).orElse(null));
        }
        if (positions.isEmpty() && eyePositions.isEmpty()) {
            note("The submitted record and the enrolled person share no finger position and no eye.");
        }
        html.append("</section>\n");
    }

    private void demographics(EnrolledPerson person, String nik) {
        html.append("<table class=\"demographics\"><tr><th></th><th>Submitted record (manifest line ")
                .append(kase.line()).append(")</th><th>Enrolled person (store)</th></tr>\n");
        row("NIK", probe == null ? kase.nik() : probe.nik(), person == null ? nik + " (not enrolled)" : person.nik().value());
        row("Name", probe == null ? null : probe.name(), person == null ? null : person.name());
        row("Birth date", probe == null || probe.birthDate() == null ? null : probe.birthDate().format(DateTimeFormatter.ISO_LOCAL_DATE),
                person == null || person.birthDate() == null ? null : person.birthDate().format(DateTimeFormatter.ISO_LOCAL_DATE));
        row("Sex", probe == null || probe.sex() == null ? null : probe.sex().name(),
                person == null || person.sex() == null ? null : person.sex().name());
        row("Region", probe == null ? null : probe.region(), person == null ? null : person.region());
        row("Fingers", probe == null ? null : String.valueOf(probe.fingers().size()),
                person == null ? null : String.valueOf(person.fingers().size()));
        row("Irises", probe == null ? null : String.valueOf(probe.irises().size()),
                person == null ? null : String.valueOf(person.irises().size()));
        row("Enrolled at", "-", person == null ? null : person.enrolledAt().toString());
        html.append("</table>\n");
    }

    private void row(String field, String submitted, String enrolled) {
        boolean differ = submitted != null && enrolled != null && !"-".equals(submitted) && !submitted.equals(enrolled);
        html.append("<tr").append(differ ? " class=\"differ\"" : "").append("><th>").append(field).append("</th><td>")
                .append(submitted == null ? "<i>none</i>" : Html.escape(submitted)).append("</td><td>")
                .append(enrolled == null ? "<i>none</i>" : Html.escape(enrolled)).append("</td></tr>\n");
    }

    private void finger(FingerPosition position, ReportCase.ReportCandidate candidate, EnrolledPerson person,
                        EnrollmentRecord known) {
        Double reported = candidate.fingers().get(position);
        html.append("<div class=\"finger\" data-position=\"").append(position).append("\"><h3>").append(position)
                .append(" &mdash; finger score <span class=\"score\">")
                .append(reported == null ? "-" : Html.score(reported)).append("</span> in the report");
        EnrolledPerson.StoredFinger stored = person.fingers().get(position);
        ImageSource probeImage = probe == null ? null : probe.fingers().get(position);
        if (stored == null || probeImage == null) {
            html.append("</h3>\n");
            note(stored == null ? "The enrolled person has no " + position + " in the store."
                    : "The submitted record has no " + position + ".");
            html.append("</div>\n");
            return;
        }
        String subject = name(kase) + " " + position + " image " + probeImage.name();
        FingerTemplate probeTemplate;
        try {
            probeTemplate = fingers.extract(position, probeImage, probe.dpi());
        } catch (RuntimeException e) {
            html.append("</h3>\n");
            problem(position + ": cannot read the submitted image: " + Problems.message(e));
            html.append("</div>\n");
            return;
        }
        FingerPairing pairing = FingerPairing.explain(probeTemplate.bytes(), stored.template());
        pairedMinutiae += pairing.pairs().size();
        html.append(String.format(Locale.ROOT, "; compared now: %s; <span class=\"paired\">%d</span> paired minutiae"
                        + " (submitted %d, enrolled %d)</h3>\n", Html.score(pairing.score()), pairing.pairs().size(),
                pairing.probe().count(), pairing.candidate().count()));
        BufferedImage shownProbe = preview(probeImage, subject);
        BufferedImage shownCandidate = null;
        ImageSource knownImage = known == null ? null : known.fingers().get(position);
        if (knownImage != null) {
            shownCandidate = enrolledFinger(position, knownImage, known.dpi(), stored);
        }
        html.append(FingerPanel.svg(pairing, shownProbe, shownCandidate)).append("\n</div>\n");
    }

    /** The enrolled image, when it gives exactly the stored template (else the wrong capture would be shown). */
    private BufferedImage enrolledFinger(FingerPosition position, ImageSource image, int dpi,
                                         EnrolledPerson.StoredFinger stored) {
        String subject = name(kase) + " enrolled " + position + " image " + image.name();
        try {
            byte[] again = fingers.extract(position, image, dpi).bytes();
            if (!Arrays.equals(again, stored.template())) {
                note("The enrolled " + position + " image " + image.name() + " does not give the stored template "
                        + "(another capture?): not shown.");
                return null;
            }
            return ImagePreview.gray(image, subject);
        } catch (RuntimeException e) {
            problem("enrolled " + position + " image: " + Problems.message(e));
            return null;
        }
    }

    private BufferedImage preview(ImageSource image, String subject) {
        try {
            if (MinutiaTemplates.isTemplate(image.read())) {
                note("The submitted sample " + image.name() + " is a minutia template, not an image.");
                return null;
            }
            return ImagePreview.gray(image, subject);
        } catch (IOException | RuntimeException e) {
            problem("cannot show " + image.name() + ": " + Problems.message(e));
            return null;
        }
    }

    private void eye(EyePosition position, ReportCase.ReportCandidate candidate, EnrolledPerson person,
                     EnrollmentRecord known) {
        Double reported = candidate.irises().get(position);
        html.append("<div class=\"eye\" data-eye=\"").append(position).append("\"><h3>").append(position)
                .append(" eye &mdash; iris score <span class=\"score\">")
                .append(reported == null ? "-" : Html.score(reported)).append("</span> in the report");
        EnrolledPerson.StoredIris stored = person.irises().get(position);
        ImageSource probeImage = probe == null ? null : probe.irises().get(position);
        if (stored == null || probeImage == null) {
            html.append("</h3>\n");
            note(stored == null ? "The enrolled person has no " + position + " iris in the store."
                    : "The submitted record has no " + position + " iris.");
            html.append("</div>\n");
            return;
        }
        IrisTemplate probeCode;
        try {
            probeCode = eyes.extract(position, probeImage);
        } catch (RuntimeException e) {
            html.append("</h3>\n");
            problem(position + " iris: cannot read the submitted image: " + Problems.message(e));
            html.append("</div>\n");
            return;
        }
        IrisTemplate storedCode = new IrisTemplate(position, stored.code(), stored.mask());
        IrisMatcher.Comparison comparison = IrisMatcher.compare(probeCode, storedCode);
        html.append(String.format(Locale.ROOT, "; compared now: %s (distance %.3f over %d bits both masks keep, "
                        + "%d differ; best rotation %+d columns)</h3>\n", Html.score(comparison.score()),
                comparison.distance(), comparison.compared(), comparison.differing(), comparison.shift()));
        BufferedImage shownProbe = preview(probeImage, name(kase) + " " + position + " iris image " + probeImage.name());
        BufferedImage shownCandidate = null;
        ImageSource knownImage = known == null ? null : known.irises().get(position);
        if (knownImage != null) {
            try {
                IrisTemplate again = eyes.extract(position, knownImage);
                if (Arrays.equals(again.code(), stored.code()) && Arrays.equals(again.mask(), stored.mask())) {
                    shownCandidate = ImagePreview.gray(knownImage, name(kase) + " enrolled " + position + " iris");
                } else {
                    note("The enrolled " + position + " iris image " + knownImage.name()
                            + " does not give the stored code (another capture?): not shown.");
                }
            } catch (RuntimeException e) {
                problem("enrolled " + position + " iris image: " + Problems.message(e));
            }
        }
        html.append("<table class=\"iris\"><tr><th>submitted</th><th>enrolled</th></tr>\n<tr><td>");
        image(shownProbe, "submitted eye");
        html.append("</td><td>");
        if (shownCandidate != null) {
            image(shownCandidate, "enrolled eye");
        } else {
            html.append("<p class=\"note\">no image: the store keeps the iris code only</p>");
        }
        html.append("</td></tr>\n<tr><td>");
        codes(probeCode.code(), probeCode.mask(), probeCode.usableFraction());
        html.append("</td><td>");
        codes(storedCode.code(), storedCode.mask(), storedCode.usableFraction());
        html.append("</td></tr></table>\n</div>\n");
    }

    private void codes(long[] code, long[] mask, double usable) {
        html.append("<p>iris code (2048 bits: real plane above imaginary; red = masked out)</p>");
        image(IrisCodeImage.code(code, mask), "iris code");
        html.append(String.format(Locale.ROOT, "<p>mask (1024 coefficients; %.0f%% usable)</p>", 100 * usable));
        image(IrisCodeImage.mask(mask), "iris mask");
    }

    private void image(BufferedImage image, String alt) {
        if (image == null) {
            html.append("<p class=\"note\">no image</p>");
            return;
        }
        html.append("<img alt=\"").append(alt).append("\" src=\"").append(Html.pngDataUri(image)).append("\">");
    }

    private void note(String text) {
        html.append("<p class=\"note\">").append(Html.escape(text)).append("</p>\n");
    }

    /** Said on the page and to the operator's terminal, the case named. */
    private void problem(String text) {
        html.append("<p class=\"problem\">").append(Html.escape(text)).append("</p>\n");
        problems.accept(name(kase) + ": " + text);
    }

    static final String STYLE = """
            body{font-family:sans-serif;margin:16px;color:#222;background:#fff}
            h1{font-size:22px} h2{font-size:18px;border-top:2px solid #ccc;padding-top:8px} h3{font-size:15px}
            .decision{padding:2px 8px;border-radius:4px;color:#fff;background:#666}
            .DUPLICATE,.NIK_CONFLICT{background:#c0392b} .ALREADY_ENROLLED{background:#2471a3}
            table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
            tr.differ td{background:#fde2e2}
            .note{color:#555;font-style:italic} .problem{color:#b00;font-weight:bold}
            svg.finger{max-width:100%;height:auto;display:block;background:#fafafa}
            img{image-rendering:pixelated;max-width:100%;border:1px solid #999}
            """;
}
