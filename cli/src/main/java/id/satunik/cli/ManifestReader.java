package id.satunik.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.satunik.InputLimits;
import id.satunik.interchange.Type2Fields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON Lines manifest in chunks, so that a batch of millions of records never sits in memory at once.
 * Every non-blank line becomes a {@link ManifestLine}: a parsed record, or the reason it could not be read (bad
 * JSON, missing NIK, wrong field type, ...), which the batch reports as REJECTED and goes on.
 *
 * <p>Not thread-safe: one reader per batch, used from one thread.
 */
final class ManifestReader implements RecordSource {
    private final Path manifest;
    private final BufferedReader reader;
    private final RecordParser parser;
    private int lineNumber;

    private ManifestReader(Path manifest, BufferedReader reader, Type2Fields type2) {
        this.manifest = manifest;
        this.reader = reader;
        this.parser = new RecordParser(RecordParser.folderOf(manifest), type2);
    }

    /** @throws CliFailure when the manifest cannot be opened */
    static ManifestReader open(Path manifest) {
        return open(manifest, Type2Fields.DEFAULT);
    }

    /** @param type2 where {@code "ansiNist"} transactions keep NIK and demographics */
    static ManifestReader open(Path manifest, Type2Fields type2) {
        return new ManifestReader(manifest, new BufferedReader(new InputStreamReader(
                openStream(manifest), StandardCharsets.UTF_8.newDecoder()
                        // a stray byte spoils one field of one line, not the batch
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE))), type2);
    }

    private static java.io.InputStream openStream(Path manifest) {
        if (Files.isDirectory(manifest)) {
            throw new CliFailure("cannot read manifest " + manifest + ": it is a directory");
        }
        try {
            return Files.newInputStream(manifest);
        } catch (IOException e) {
            throw new CliFailure("cannot read manifest " + manifest + ": " + Problems.describe(e), e);
        }
    }

    /** Non-blank lines of the manifest, for the progress bar's total; one quick pass without JSON parsing. */
    static long countRecords(Path manifest) {
        try (var lines = Files.lines(manifest, StandardCharsets.ISO_8859_1)) {
            // ISO-8859-1 decodes any byte; a UTF-8 byte-order mark then reads as three characters, not blank
            return lines.filter(line -> !line.replace("\u00EF\u00BB\u00BF", "").isBlank()).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliFailure("cannot read manifest " + manifest + ": " + e.getMessage(), e);
        }
    }

    /**
     * The next up to {@code max} non-blank lines, empty at the end of the manifest.
     *
     * @throws CliFailure when reading the file fails midway
     */
    @Override
    public List<ManifestLine> next(int max) {
        List<ManifestLine> chunk = new ArrayList<>(Math.min(max, 4096));
        try {
            while (chunk.size() < max) {
                String text = readLine();
                if (text == null) {
                    break;
                }
                lineNumber++;
                if (text == TOO_LONG) {
                    chunk.add(new ManifestLine.Malformed(lineNumber, null, "line is longer than "
                            + InputLimits.MAX_MANIFEST_LINE_CHARS + " characters; not read"));
                    continue;
                }
                if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    chunk.add(parse(lineNumber, text));
                }
            }
        } catch (IOException e) {
            throw new CliFailure("cannot read manifest " + manifest + " after line " + lineNumber + ": "
                    + Problems.describe(e), e);
        }
        return chunk;
    }

    /** Marks a line over the limit (compared by identity); its text is skipped, never held in memory. */
    private static final String TOO_LONG = new String("(too long)");

    /**
     * The next line without its terminator (LF, CR LF or CR), null at the end, or {@link #TOO_LONG} for a line
     * over {@link InputLimits#MAX_MANIFEST_LINE_CHARS}: a manifest without line breaks cannot exhaust the heap.
     */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(256);
        boolean tooLong = false;
        int c;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
                break;
            }
            if (line.length() < InputLimits.MAX_MANIFEST_LINE_CHARS) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        }
        if (c < 0 && line.isEmpty() && !tooLong) {
            return null;
        }
        return tooLong ? TOO_LONG : line.toString();
    }

    ManifestLine parse(int line, String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new ManifestLine.Malformed(line, null, "malformed JSON: " + jsonProblem(e));
        }
        try {
            return new ManifestLine.Parsed(line, parser.parse(node, true));
        } catch (ManifestException e) {
            JsonNode nik = node.get("nik");
            return new ManifestLine.Malformed(line, nik != null && nik.isTextual() ? nik.asText() : null,
                    e.getMessage());
        }
    }

    /** Jackson's message without its source-location boilerplate, plus the column. */
    static String jsonProblem(JsonProcessingException e) {
        String message = e.getOriginalMessage()
                .replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
                .replaceAll("\\s+", " ");
        return e.getLocation() == null ? message : message + " (column " + e.getLocation().getColumnNr() + ")";
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
