package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import id.satunik.DedupDecision;
import id.satunik.InputLimits;
import id.satunik.InvalidInputException;
import id.satunik.testing.Mutator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of manifest lines (issue 9): every mutated line becomes a parsed record whose validation
 * gives a decision or a clear refusal, or a REJECTED line naming the problem; its report line is valid UTF-8 JSON.
 * 8,000 lines in the normal build, 100,000 under -Plarge; plus a real dedup batch of mutated lines end to end.
 */
class ManifestFuzzTest {
    @TempDir
    Path dir;

    private List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>(List.of(Files.readString(new Manifests()
                .person("3507014101900001", "Siti Aminah", "1990-01-01", "F",
                        "RIGHT_THUMB=fvc2002-db1b/104_1", "RIGHT_INDEX=fvc2002-db3b/104_1")
                .write(dir.resolve("seed.jsonl"))).strip()));
        seeds.add("{\"nik\":\"3273011505850002\",\"name\":\"Budi\",\"birthDate\":\"1985-05-15\",\"sex\":\"M\",\"dpi\":500,"
                + "\"region\":\"Kab. Bandung\",\"fingers\":{\"1\":\"a.png\",\"2\":\"b.png\"},\"irises\":{\"LEFT\":\"l.jpg\"}}");
        seeds.add("{\"nik\":\"350701010190\\ud8000702\",\"fingers\":{\"1\":\"/dev/zero\"}}");
        seeds.add("{\"nik\":\"3507010501900001\",\"birthDate\":\"2190-01-05\",\"irises\":{\"RIGHT\":\"r.jpg\"}}");
        return seeds;
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void mutatedManifestLinesAreEachAClearErrorOrARecord() throws IOException {
        List<String> seeds = seeds();
        Mutator mutator = new Mutator(9);
        int count = Mutator.count(8_000, 100_000);
        int parsed = 0;
        int refused = 0;
        try (ManifestReader reader = ManifestReader.open(dir.resolve("seed.jsonl"))) {
            for (int i = 0; i < count; i++) {
                String line = mutator.mutate(seeds.get(mutator.random().nextInt(seeds.size())));
                ManifestLine result = reader.parse(i + 1, line);
                DedupDecision decision;
                if (result instanceof ManifestLine.Parsed record) {
                    parsed++;
                    try {
                        record.record().validate();
                        decision = new DedupDecision.Enrolled(record.record().nik() == null ? "?" : record.record().nik());
                    } catch (InvalidInputException e) {
                        assertFalse(e.reason().isBlank(), line);
                        decision = new DedupDecision.Rejected(record.record().nik(), e.getMessage());
                    }
                } else {
                    refused++;
                    decision = ((ManifestLine.Malformed) result).rejection();
                    assertTrue(decision.reason().startsWith("line " + (i + 1) + ": "), decision.reason());
                }
                // the report line is valid UTF-8 JSON that reads back
                String json = InputLimits.withoutLoneSurrogates(
                        Json.MAPPER.writeValueAsString(ReportWriter.toJson(i + 1, decision)));
                ByteBuffer utf8 = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(json)); // strict
                JsonNode back = Json.MAPPER.readTree(StandardCharsets.UTF_8.newDecoder().decode(utf8).toString());
                assertEquals(i + 1, back.get("line").asInt());
            }
        }
        assertEquals(count, parsed + refused);
        assertTrue(parsed > count / 20 && refused > count / 20, "both outcomes exercised: " + parsed + " / " + refused);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aBatchOfMutatedLinesRunsToItsEndWithOneReportLineEach() throws IOException {
        List<String> seeds = seeds();
        Mutator mutator = new Mutator(91);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Mutator.count(150, 2_000); i++) {
            String line = mutator.mutate(seeds.get(mutator.random().nextInt(seeds.size())));
            lines.add(line.replace('\n', ' ').replace('\r', ' '));
        }
        lines.add(seeds.get(0)); // and one good record at the end
        // getBytes, not Files.write: a mutated line may hold a lone surrogate, which no UTF-8 file can (the strict
        // encoder threw MalformedInputException here under -Plarge); getBytes writes '?' for it, as an editor would
        Path manifest = Files.write(dir.resolve("fuzz.jsonl"),
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Path reportFile = dir.resolve("report.jsonl");
        Cli run = Cli.run("dedup", "--store", dir.resolve("store").toString(), "--report", reportFile.toString(),
                "--threads", "2", "--capacity", "1000", manifest.toString());
        assertEquals(0, run.exitCode(), run.toString());
        String report = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(reportFile)))
                .toString();
        long nonBlank = lines.stream().filter(line -> !line.isBlank()).count();
        Report parsed = Report.parse(List.of(report.split("\n")));
        assertEquals(nonBlank, parsed.lines().size(), run.toString());
        assertTrue(parsed.decisions().contains("ENROLLED"), "the good record at the end was enrolled");
    }
}
