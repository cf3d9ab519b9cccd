package id.satunik.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Renders the evaluation JSON as one self-contained HTML page: tables of the figures, and DET curves (log-scale
 * axes) and score histograms drawn by Chart.js, whose UMD build (MIT license, see chart.js-LICENSE.md next to
 * it) is inlined together with the data, so the page needs no network when viewed.
 *
 * <p>Stateless; thread-safe.
 */
final class HtmlReport {
    private static final String CHART_JS = resource("chart.umd.min.js");
    private static final String SCRIPT = resource("report.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {
    }

    static String render(JsonNode report) {
        StringBuilder html = new StringBuilder(CHART_JS.length() + 200_000);
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>SatuNIK evaluation</title>
                <style>
                body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
                h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
                table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}
                th,td{border:1px solid #ddd;padding:.25rem .55rem;text-align:right}
                th{background:#f3f5f8}td.l,th.l{text-align:left}
                .nr{color:#999;font-style:italic}.note{color:#555;font-size:.85rem;max-width:60rem}
                .charts{display:flex;flex-wrap:wrap;gap:1.5rem}.chart{width:520px;height:400px}
                </style>
                </head>
                <body>
                """);
        html.append("<h1>SatuNIK evaluation — ").append(esc(report.path("modality").asText())).append("</h1>\n");
        if (report.has("multimodal")) {
            // finger+iris: each modality's own figures (canvases prefixed by modality), then the fused persons
            html.append("<p class=\"note\">Fingers and irises are scored on one scale (score ≈ -10·log10 FMR) and"
                    + " fused with one threshold: ").append(num(report.path("recommendedThreshold")))
                    .append(". Seed: ").append(report.path("seed").asText()).append(".</p>\n");
            html.append("<h1>Fingers</h1>\n");
            modality(html, report.path("finger"), "finger-");
            html.append("<h1>Irises</h1>\n");
            modality(html, report.path("iris"), "iris-");
            multimodal(html, report.path("multimodal"));
        } else {
            modality(html, report, "");
        }
        html.append("<script>\n").append(CHART_JS).append("\n</script>\n");
        html.append("<script type=\"application/json\" id=\"report\">").append(embed(report)).append("</script>\n");
        html.append("<script>\n").append(SCRIPT).append("\n</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** One modality's sections; {@code prefix} keeps its chart canvases apart from another modality's. */
    private static void modality(StringBuilder html, JsonNode report, String prefix) {
        html.append("<p class=\"note\">").append(esc(report.path("scoreScale").asText()))
                .append(". Recommended threshold: ").append(num(report.path("recommendedThreshold")))
                .append(". Seed: ").append(report.path("seed").asText()).append(".</p>\n");
        dataset(html, report);
        verification(html, report.path("verification"), prefix);
        if (report.has("quality")) {
            quality(html, report.path("quality"), "iris".equals(report.path("modality").asText())
                    ? "Iris quality" : "Fingerprint quality");
        }
        identification(html, report.path("identification"), prefix);
        fusion(html, report.path("fusion"), prefix);
    }

    /** The chimeric persons of n fingers and two eyes, every score fused (report section "multimodal"). */
    private static void multimodal(StringBuilder html, JsonNode m) {
        html.append("<h1>Fingers and irises fused</h1>\n<p class=note>").append(esc(m.path("protocol").asText()))
                .append(" Rounds: ").append(m.path("rounds").asInt()).append(", persons per round: ")
                .append(m.path("personsPerRound").asInt()).append(", seed ").append(m.path("seed").asText())
                .append(".</p>\n");
        if (m.path("levels").isEmpty()) {
            html.append("<p class=nr>no level could be formed: too few enrolled fingers or eyes for two persons.</p>\n");
            return;
        }
        html.append("<table><tr><th class=l>person</th><th>gallery</th><th>mated searches</th><th>non-mated searches</th>"
                + "<th>rank-1 rate</th><th>FNIR @ FPIR 1%</th><th>FNIR @ FPIR 0.1%</th><th>FPIR @ 40</th>"
                + "<th>FNIR @ 40</th><th>person EER</th></tr>\n");
        for (JsonNode level : m.path("levels")) {
            StringBuilder row = new StringBuilder();
            identificationRow(row, level.path("identification"), level.path("fingers").asInt() + " fingers + "
                    + level.path("eyes").asInt() + " eyes");
            String text = row.toString();
            html.append(text, 0, text.length() - "</tr>\n".length())
                    .append("<td>").append(pct(level.path("verification").path("eer").path("value"))).append("</td></tr>\n");
        }
        html.append("</table>\n<div class=charts><div class=chart><canvas id=\"det-multimodal\"></canvas></div>")
                .append("<div class=chart><canvas id=\"det-multimodal-verification\"></canvas></div></div>\n");
    }

    private static void dataset(StringBuilder html, JsonNode report) {
        JsonNode dataset = report.path("dataset");
        JsonNode enrolment = report.path("enrolment");
        html.append("<h2>Dataset and enrolment</h2>\n<table><tr><th class=l>dataset</th><th>images</th><th>subjects</th>"
                + "<th>dpi</th><th class=l>naming</th><th class=l>path</th></tr>\n");
        for (JsonNode s : dataset.path("sources")) {
            html.append("<tr><td class=l>").append(esc(s.path("label").asText())).append("</td><td>")
                    .append(s.path("images").asLong()).append("</td><td>").append(s.path("subjects").asLong())
                    .append("</td><td>").append(s.path("dpi").asInt()).append("</td><td class=l>")
                    .append(esc(s.path("naming").asText())).append("</td><td class=l>").append(esc(s.path("path").asText()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (JsonNode group : dataset.path("sameSubjects")) {
            html.append("<p class=note>Datasets sharing subjects (equal ids are one finger on several sensors): ")
                    .append(esc(String.join(" + ", iterable(group)))).append(".</p>\n");
        }
        html.append("<p>").append(enrolment.path("attempted").asLong()).append(" images, ")
                .append(enrolment.path("enrolled").asLong()).append(" enrolled, ")
                .append(enrolment.path("refused").asLong()).append(" refused: failure-to-enroll rate <b>")
                .append(pct(enrolment.path("failureToEnrollRate"))).append("</b>. <span class=note>")
                .append(esc(enrolment.path("note").asText())).append(".</span></p>\n");
        if (enrolment.path("refused").asLong() > 0) {
            html.append("<details><summary>refused images</summary><table><tr><th class=l>image</th><th class=l>reason</th></tr>\n");
            for (JsonNode r : enrolment.path("refusedImages")) {
                html.append("<tr><td class=l>").append(esc(r.path("file").asText())).append("</td><td class=l>")
                        .append(esc(r.path("reason").asText())).append("</td></tr>\n");
            }
            html.append("</table></details>\n");
        }
    }

    private static void verification(StringBuilder html, JsonNode v, String prefix) {
        html.append("<h2>1:1 verification</h2>\n<p class=note>").append(esc(v.path("protocol").asText())).append("</p>\n");
        html.append("<table><tr><th class=l>dataset</th><th>genuine</th><th>impostor</th><th>EER</th>"
                + "<th>FNMR @ FMR 1%</th><th>FNMR @ FMR 0.1%</th><th>FNMR @ FMR 0.01%</th>"
                + "<th>FMR @ 40</th><th>FNMR @ 40</th></tr>\n");
        for (JsonNode row : v.path("byDataset")) {
            verificationRow(html, row);
        }
        verificationRow(html, v.path("pooled"));
        html.append("</table>\n<p class=note>@ 40 = plain SourceAFIS at its recommended threshold 40.")
                .append(" “not resolvable”: too few impostor comparisons to measure that FMR (hover for the count).</p>\n")
                .append("<div class=charts><div class=chart><canvas id=\"").append(prefix)
                .append("det-verification\"></canvas></div>")
                .append("<div class=chart><canvas id=\"").append(prefix)
                .append("hist-verification\"></canvas></div></div>\n");
    }

    private static void quality(StringBuilder html, JsonNode q, String title) {
        html.append("<h2>").append(title).append("</h2>\n<p class=note>").append(esc(q.path("note").asText()))
                .append(".</p>\n<table><tr><th class=l>dataset</th><th>images</th><th>p5</th><th>median</th><th>p95</th></tr>\n");
        for (JsonNode d : q.path("datasets")) {
            html.append("<tr><td class=l>").append(esc(d.path("dataset").asText())).append("</td><td>")
                    .append(d.path("images").asLong()).append("</td><td>").append(num(d.path("p5"))).append("</td><td>")
                    .append(num(d.path("median"))).append("</td><td>").append(num(d.path("p95"))).append("</td></tr>\n");
        }
        html.append("</table>\n<table><tr><th class=l>poorer sample's quality</th><th>genuine pairs</th><th>FNMR @ ")
                .append(num(q.path("threshold"))).append("</th></tr>\n");
        for (JsonNode b : q.path("bands")) {
            html.append("<tr><td class=l>").append(num(b.path("from"))).append(" – ").append(num(b.path("to")))
                    .append("</td><td>").append(b.path("genuinePairs").asLong()).append("</td><td>")
                    .append(pct(b.path("fnmr"))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void verificationRow(StringBuilder html, JsonNode row) {
        html.append("<tr><td class=l>").append(esc(row.path("scope").asText())).append("</td><td>")
                .append(row.path("genuineComparisons").asLong()).append("</td><td>")
                .append(row.path("impostorComparisons").asLong()).append("</td><td><b>")
                .append(pct(row.path("eer").path("value"))).append("</b></td>");
        for (JsonNode t : row.path("fnmrAtFmr")) {
            html.append("<td>").append(target(t, "fnmr")).append("</td>");
        }
        html.append("<td>").append(pct(row.path("atRecommendedThreshold").path("fmr"))).append("</td><td>")
                .append(pct(row.path("atRecommendedThreshold").path("fnmr"))).append("</td></tr>\n");
    }

    private static void identification(StringBuilder html, JsonNode id, String prefix) {
        html.append("<h2>1:N open-set identification</h2>\n");
        if (id.has("skipped")) {
            html.append("<p>").append(esc(id.path("skipped").asText())).append("</p>\n");
            return;
        }
        html.append("<p class=note>").append(esc(id.path("protocol").asText())).append("</p>\n");
        html.append("<table><tr><th>gallery</th><th>mated searches</th><th>non-mated searches</th><th>rank-1 rate</th>"
                + "<th>FNIR @ FPIR 1%</th><th>FNIR @ FPIR 0.1%</th><th>FPIR @ 40</th><th>FNIR @ 40</th></tr>\n");
        identificationRow(html, id, null);
        html.append("</table>\n<div class=charts><div class=chart><canvas id=\"").append(prefix)
                .append("det-identification\"></canvas></div>")
                .append("<div class=chart><canvas id=\"").append(prefix)
                .append("hist-identification\"></canvas></div></div>\n");
    }

    private static void identificationRow(StringBuilder html, JsonNode id, String first) {
        html.append("<tr>");
        if (first != null) {
            html.append("<td class=l>").append(first).append("</td>");
        }
        long min = id.path("gallerySizeMin").asLong();
        long max = id.path("gallerySizeMax").asLong();
        html.append("<td>").append(min == max ? String.valueOf(min) : min + "–" + max).append("</td><td>")
                .append(id.path("matedSearches").asLong()).append("</td><td>")
                .append(id.path("nonMatedSearches").asLong()).append("</td><td>")
                .append(pct(id.path("rank1IdentificationRate"))).append("</td>");
        for (JsonNode t : id.path("fnirAtFpir")) {
            html.append("<td>").append(target(t, "fnir")).append("</td>");
        }
        html.append("<td>").append(pct(id.path("atRecommendedThreshold").path("fpir"))).append("</td><td>")
                .append(pct(id.path("atRecommendedThreshold").path("fnir"))).append("</td></tr>\n");
    }

    private static void fusion(StringBuilder html, JsonNode f, String prefix) {
        html.append("<h2>Multi-position fusion (fingers or eyes) on chimeric persons</h2>\n<p class=note>")
                .append(esc(f.path("protocol").asText())).append(" Rounds: ").append(f.path("rounds").asInt())
                .append(", persons per round: ").append(f.path("personsPerRound").asInt()).append(", seed ")
                .append(f.path("seed").asText()).append(".</p>\n");
        for (JsonNode s : f.path("skippedLevels")) {
            html.append("<p class=nr>").append(s.path("positions").asInt()).append(" positions skipped: ")
                    .append(esc(s.path("reason").asText())).append("</p>\n");
        }
        if (f.path("levels").isEmpty()) {
            return;
        }
        html.append("<table><tr><th class=l>positions</th><th>gallery</th><th>mated searches</th><th>non-mated searches</th>"
                + "<th>rank-1 rate</th><th>FNIR @ FPIR 1%</th><th>FNIR @ FPIR 0.1%</th><th>FPIR @ 40</th>"
                + "<th>FNIR @ 40</th><th>person EER</th></tr>\n");
        for (JsonNode level : f.path("levels")) {
            StringBuilder row = new StringBuilder();
            identificationRow(row, level.path("identification"), level.path("positions").asInt() + " <span class=note>("
                    + esc(String.join(", ", iterable(level.path("positionNames")))) + ")</span>");
            String text = row.toString();
            html.append(text, 0, text.length() - "</tr>\n".length())
                    .append("<td>").append(pct(level.path("verification").path("eer").path("value"))).append("</td></tr>\n");
        }
        html.append("</table>\n<div class=charts><div class=chart><canvas id=\"").append(prefix)
                .append("det-fusion\"></canvas></div>")
                .append("<div class=chart><canvas id=\"").append(prefix)
                .append("det-fusion-verification\"></canvas></div></div>\n")
                .append("<p class=note>Points where a rate is 0 cannot be drawn on log axes: a curve that stops means"
                        + " the rate reached 0 within this data.</p>\n");
    }

    private static String target(JsonNode t, String rate) {
        if (!t.path("resolvable").asBoolean()) {
            return "<span class=nr title=\"" + esc(t.path("note").asText()) + "\">not resolvable</span>";
        }
        return "<span title=\"threshold " + num(t.path("threshold")) + "\">" + pct(t.path(rate)) + "</span>";
    }

    private static Iterable<String> iterable(JsonNode array) {
        java.util.List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    static String pct(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return "—";
        }
        double v = value.asDouble() * 100;
        if (v == 0) {
            return "0%";
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f%%" : v >= 1 ? "%.2f%%" : "%.3f%%", v);
    }

    private static String num(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.1f", value.asDouble()) : "—";
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The report as JSON that cannot close its script element early. */
    private static String embed(JsonNode report) {
        try {
            return JSON.writeValueAsString(report).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the satunik-cli jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
