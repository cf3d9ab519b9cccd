package id.satunik.cli;

import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.StoreKey;
import id.satunik.interchange.Type2Fields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code satunik adjudicate}: a dedup report's cases as HTML pages for the operator who decides them. One instance
 * per invocation (picocli); not shared between threads.
 */
@Command(name = "adjudicate", sortOptions = false,
        description = {"Writes one self-contained HTML page per case of a dedup report (every decision that names an"
                + " enrolled person: DUPLICATE, NIK_CONFLICT, ALREADY_ENROLLED) and an index.html listing them:",
                "both records' demographics, per-finger and per-eye scores, both prints side by side with the minutiae"
                        + " SourceAFIS paired joined by lines, the iris codes and their masks, the decision's reason and"
                        + " threshold. Images are embedded; the pages need nothing else to open.",
                "The store keeps templates, not images: the enrolled person's images are shown when a manifest holds"
                        + " them (the report's own ENROLLED lines, or --gallery-manifest), otherwise its minutiae are"
                        + " drawn from the stored template on a blank canvas.",
                "A problem with one case (malformed report line, NIK no longer enrolled, missing image) is printed on"
                        + " stderr, named by its case, and said on its page; the others go on.",
                "Exit code 0 when the pages were written, whatever the problems of single cases; 2 when it could not"
                        + " run."},
        footer = {"", "Example:",
                "  satunik dedup --store gallery --report report.jsonl batch.jsonl",
                "  satunik adjudicate --store gallery --manifest batch.jsonl --out adjudication report.jsonl",
                "  (then open adjudication/index.html in a browser; see docs/adjudication.md)"})
final class AdjudicateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "REPORT.jsonl", description = "The report satunik dedup wrote.")
    Path report;

    @Option(names = "--manifest", paramLabel = "MANIFEST.jsonl|DIR|FILE.an2", required = true,
            description = "The records the report was made from (what dedup was given): the submitted demographics and"
                    + " images.")
    Path manifest;

    @Option(names = "--gallery-manifest", paramLabel = "MANIFEST.jsonl",
            description = "A manifest the enrolled persons were loaded from (dedup or enroll), for their images; the"
                    + " first record of a NIK counts. Repeatable.")
    List<Path> galleryManifests = new ArrayList<>();

    @Option(names = "--case", paramLabel = "LINE|NIK",
            description = "Only this case: its manifest line number or its submitted NIK. Repeatable. Default: every"
                    + " case of the report.")
    List<String> only = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "adjudication",
            description = "Folder for the pages (created; pages of the same cases are replaced). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = StoreOptions.DEFAULT_STORE,
            description = "The store dedup ran against (the enrolled persons' demographics and templates). Default:"
                    + " ${DEFAULT-VALUE}.")
    Path store;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "Key of a store encrypted at rest. Default: the environment variable " + StoreKey.ENVIRONMENT
                    + ", if set.")
    Path keyFile;

    @Option(names = "--operator", paramLabel = "ID",
            description = "Who looks at the templates, for the store's audit log (each read is logged). Default: the"
                    + " login name.")
    String operator;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        java.util.function.Consumer<String> problem = text -> {
            problems.add(text);
            err.println("adjudicate: " + text);
            err.flush();
        };
        Cases cases = readReport(problem);
        if (!Files.isDirectory(store)) {
            throw new CliFailure("no store at " + store + " (see --store)");
        }
        Set<Integer> lines = new HashSet<>();
        Set<String> candidateNiks = new HashSet<>();
        for (ReportCase kase : cases.found) {
            lines.add(kase.line());
            kase.candidates().forEach(c -> candidateNiks.add(c.nik()));
        }
        cases.enrolledAt.forEach((nik, line) -> {
            if (candidateNiks.contains(nik)) {
                lines.add(line);
            }
        });
        Map<Integer, ManifestLine> records = readManifest(manifest, lines);
        Map<String, CasePage.KnownImages> known = new HashMap<>();
        cases.enrolledAt.forEach((nik, line) -> {
            if (candidateNiks.contains(nik) && records.get(line) instanceof ManifestLine.Parsed parsed) {
                known.put(nik, new CasePage.KnownImages(parsed.record(), manifest + " line " + line
                        + " (enrolled by this report)"));
            }
        });
        for (Path gallery : galleryManifests) {
            readGallery(gallery, candidateNiks, known);
        }
        createOut();
        EngineOptions options = EngineOptions.at(store)
                .withOperator(operator != null ? operator : System.getProperty("user.name", "system"));
        try {
            options = options.withKey(keyFile != null ? StoreKey.fromFile(keyFile) : StoreKey.fromEnvironment());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        List<IndexRow> rows = new ArrayList<>();
        try (DedupEngine engine = StoreOptions.open(options)) {
            for (ReportCase kase : cases.found) {
                rows.add(page(engine, kase, records.get(kase.line()), known, problem));
            }
        }
        write(out.resolve("index.html"), index(rows, problems));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%d case page%s and index.html written to %s%s%n", rows.size(),
                rows.size() == 1 ? "" : "s", out, problems.isEmpty() ? "" : "; " + problems.size()
                        + " problem" + (problems.size() == 1 ? "" : "s") + " (on stderr and in index.html)");
        stdout.flush();
        return 0;
    }

    /** The cases asked for, and where the report says each NIK was enrolled (its images are then at hand). */
    private record Cases(List<ReportCase> found, Map<String, Integer> enrolledAt) {
    }

    private Cases readReport(java.util.function.Consumer<String> problem) {
        List<ReportCase> found = new ArrayList<>();
        Map<String, Integer> enrolledAt = new LinkedHashMap<>();
        Set<String> wanted = new LinkedHashSet<>(only);
        Set<String> matched = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text; (text = reader.readLine()) != null; ) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                switch (ReportCase.parse(number, text)) {
                    case ReportCase.Unreadable bad -> problem.accept(bad.problem() + "; skipped");
                    case ReportCase.NoCandidate none -> {
                        if ("ENROLLED".equals(none.decision()) && none.nik() != null) {
                            enrolledAt.putIfAbsent(none.nik(), none.line());
                        }
                    }
                    case ReportCase.Found(ReportCase kase) -> {
                        String line = String.valueOf(kase.line());
                        if (wanted.isEmpty() || wanted.contains(line) || wanted.contains(kase.nik())) {
                            found.add(kase);
                            matched.add(line);
                            matched.add(kase.nik());
                        }
                    }
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CliFailure("report " + report + " is not UTF-8 text: not a SatuNIK report", e);
        } catch (IOException e) {
            throw new CliFailure("cannot read report " + report + ": " + Problems.describe(e), e);
        }
        for (String asked : wanted) {
            if (!matched.contains(asked)) {
                problem.accept("--case " + asked + ": no decision of the report with this manifest line or NIK names"
                        + " an enrolled person");
            }
        }
        return new Cases(found, enrolledAt);
    }

    /** The manifest's records on the given lines only: a report of millions of lines is read once, in chunks. */
    private static Map<Integer, ManifestLine> readManifest(Path input, Set<Integer> lines) {
        Map<Integer, ManifestLine> records = new HashMap<>();
        if (lines.isEmpty()) {
            return records;
        }
        try (RecordSource source = RecordSource.open(input, Type2Fields.DEFAULT)) {
            for (List<ManifestLine> chunk; !(chunk = source.next(BatchRun.CHUNK)).isEmpty(); ) {
                for (ManifestLine line : chunk) {
                    if (lines.contains(line.line())) {
                        records.put(line.line(), line);
                    }
                }
            }
        } catch (IOException e) {
            throw new CliFailure("cannot close manifest " + input + ": " + Problems.describe(e), e);
        }
        return records;
    }

    private static void readGallery(Path gallery, Set<String> niks, Map<String, CasePage.KnownImages> known) {
        try (RecordSource source = RecordSource.open(gallery, Type2Fields.DEFAULT)) {
            for (List<ManifestLine> chunk; !(chunk = source.next(BatchRun.CHUNK)).isEmpty(); ) {
                for (ManifestLine line : chunk) {
                    if (line instanceof ManifestLine.Parsed parsed && niks.contains(parsed.record().nik())
                            && !known.containsKey(parsed.record().nik())) {
                        known.put(parsed.record().nik(), new CasePage.KnownImages(parsed.record(),
                                gallery + " line " + line.line()));
                    }
                }
            }
        } catch (IOException e) {
            throw new CliFailure("cannot close manifest " + gallery + ": " + Problems.describe(e), e);
        }
    }

    private IndexRow page(DedupEngine engine, ReportCase kase, ManifestLine record,
                          Map<String, CasePage.KnownImages> known, java.util.function.Consumer<String> problem) {
        EnrollmentRecord probe = null;
        String why = null;
        switch (record) {
            case null -> why = "the manifest " + manifest + " has no record on line " + kase.line()
                    + " (is it the manifest the report was made from?)";
            case ManifestLine.Malformed bad -> why = "manifest line " + kase.line() + " cannot be read: " + bad.reason();
            case ManifestLine.Parsed parsed when kase.nik() != null && !kase.nik().equals(parsed.record().nik()) ->
                    why = "manifest line " + kase.line() + " holds NIK " + parsed.record().nik() + ", not "
                            + kase.nik() + " (is it the manifest the report was made from?)";
            case ManifestLine.Parsed parsed -> probe = parsed.record();
        }
        if (why != null) {
            problem.accept(CasePage.name(kase) + ": " + why);
        }
        CasePage page = new CasePage(kase, probe, why, engine::enrolled, nik -> Optional.ofNullable(known.get(nik)),
                problem);
        String file = fileName(kase);
        write(out.resolve(file), page.render());
        return new IndexRow(kase, file, page.pairedMinutiae());
    }

    private record IndexRow(ReportCase kase, String file, int paired) {
    }

    static String fileName(ReportCase kase) {
        String nik = kase.nik() == null ? "no-nik" : kase.nik().replaceAll("[^0-9A-Za-z]", "_");
        return "case-line" + kase.line() + "-" + nik + ".html";
    }

    private String index(List<IndexRow> rows, List<String> problems) {
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Adjudication: ")
                .append(Html.escape(report.getFileName().toString())).append("</title>\n<style>")
                .append(CasePage.STYLE).append("</style></head><body>\n<h1>Cases to adjudicate: ").append(rows.size())
                .append("</h1>\n<p>Report ").append(Html.escape(report.toString())).append(", manifest ")
                .append(Html.escape(manifest.toString())).append(", store ").append(Html.escape(store.toString()))
                .append("</p>\n<table class=\"cases\"><tr><th>Line</th><th>NIK</th><th>Decision</th><th>Enrolled persons"
                        + " named (score)</th><th>Paired minutiae</th><th>Reason</th></tr>\n");
        for (IndexRow row : rows) {
            ReportCase kase = row.kase();
            StringBuilder named = new StringBuilder();
            for (ReportCase.ReportCandidate c : kase.candidates()) {
                named.append(named.isEmpty() ? "" : ", ").append(Html.escape(c.nik())).append(" (")
                        .append(Html.score(c.score())).append(')');
            }
            html.append("<tr><td>").append(kase.line()).append("</td><td><a href=\"").append(Html.escape(row.file()))
                    .append("\">").append(Html.escape(kase.nik())).append("</a></td><td><span class=\"decision ")
                    .append(Html.escape(kase.decision())).append("\">").append(Html.escape(kase.decision()))
                    .append("</span></td><td>").append(named).append("</td><td>").append(row.paired())
                    .append("</td><td>").append(Html.escape(kase.reason())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (!problems.isEmpty()) {
            html.append("<h2>Problems</h2>\n<ul class=\"problems\">\n");
            problems.forEach(p -> html.append("<li>").append(Html.escape(p)).append("</li>\n"));
            html.append("</ul>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private void createOut() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CliFailure("cannot create output folder " + out + ": " + Problems.describe(e), e);
        }
    }

    private static void write(Path file, String html) {
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file + ": " + Problems.describe(e), e);
        }
    }
}
