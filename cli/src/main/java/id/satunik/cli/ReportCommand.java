package id.satunik.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code satunik report}: a dedup or enroll report as a table for people (the demo prints its report with it).
 * One instance per invocation.
 */
@Command(name = "report", description = "Prints a dedup or enroll report (JSON Lines) as a readable table.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "REPORT.jsonl", description = "A report written by dedup or enroll.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(row("LINE", "NIK", "DECISION", "REASON"));
        try (BufferedReader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            for (String text; (text = reader.readLine()) != null; ) {
                if (!text.isBlank()) {
                    out.println(format(Json.MAPPER.readTree(text)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new CliFailure("report " + report + " is not a SatuNIK report: " + ManifestReader.jsonProblem(e), e);
        } catch (IOException e) {
            throw new CliFailure("cannot read report " + report + ": " + Problems.describe(e), e);
        }
        out.flush();
        return 0;
    }

    static String format(JsonNode line) {
        JsonNode nik = line.path("nik");
        return row(line.path("line").asText("?"), nik.isTextual() ? nik.asText() : "-",
                line.path("decision").asText("?"), line.path("reason").asText(""));
    }

    private static String row(String line, String nik, String decision, String reason) {
        return String.format(Locale.ROOT, "%4s  %-16s  %-16s  %s", line, nik, decision, reason);
    }
}
