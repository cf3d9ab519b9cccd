package id.satunik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.Sex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Manifest lines → records or the reason a line is refused; no engine involved. */
class ManifestReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryFieldAndResolvesImagesAgainstTheManifestFolder() throws IOException {
        Path manifest = write("batch/manifest.jsonl", """
                {"nik":"3507014101900001","name":"Siti Aminah","birthDate":"1990-01-01","sex":"F","dpi":569,\
                "region":"Kab. Malang","fingers":{"RIGHT_THUMB":"img/101_1.tif","2":"../other/102_1.tif"},\
                "irises":{"LEFT":"iris/l.jpg"}}""");
        EnrollmentRecord record = parsed(manifest).getFirst().record();

        assertEquals("3507014101900001", record.nik());
        assertEquals("Siti Aminah", record.name());
        assertEquals(LocalDate.of(1990, 1, 1), record.birthDate());
        assertEquals(Sex.FEMALE, record.sex());
        assertEquals(569, record.dpi());
        assertEquals("Kab. Malang", record.region());
        Path batch = dir.resolve("batch");
        assertEquals(ImageSource.of(batch.resolve("img/101_1.tif")), record.fingers().get(FingerPosition.RIGHT_THUMB));
        assertEquals(ImageSource.of(dir.resolve("other/102_1.tif")), record.fingers().get(FingerPosition.RIGHT_INDEX));
        assertEquals(ImageSource.of(batch.resolve("iris/l.jpg")), record.irises().get(EyePosition.LEFT));
    }

    @Test
    void optionalFieldsDefaultAndBlankLinesCountButYieldNothing() throws IOException {
        Path manifest = write("m.jsonl", "\uFEFF\n   \n{\"nik\":\"3507011203880005\",\"fingers\":{\"1\":\"/abs/a.png\"}}\n\n"
                + "{\"nik\":\"3507011203880006\",\"fingers\":{}}\n");
        List<ManifestLine.Parsed> lines = parsed(manifest);

        assertEquals(List.of(3, 5), lines.stream().map(ManifestLine::line).toList());
        EnrollmentRecord first = lines.getFirst().record();
        assertEquals(EnrollmentRecord.DEFAULT_DPI, first.dpi());
        assertNull(first.name());
        assertNull(first.sex());
        assertNull(first.birthDate());
        assertEquals(ImageSource.of(Path.of("/abs/a.png")), first.fingers().get(FingerPosition.RIGHT_THUMB));
        assertEquals(2, ManifestReader.countRecords(manifest));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed JSON        | {"nik":"3507011203880005","fingers":{"1":"a.png"}           | malformed JSON: Unexpected end-of-input
            text after the object | {"nik":"3507011203880005"} {"nik":"x"}                      | malformed JSON: Trailing token
            not an object         | ["3507011203880005"]                                         | must be a JSON object {...}, found an array
            missing NIK           | {"name":"Tanpa NIK","fingers":{"1":"a.png"}}                 | missing field "nik"
            NIK as a number       | {"nik":3507011203880005,"fingers":{"1":"a.png"}}             | field "nik" must be a string, found number 3507011203880005 (quote the 16 digits)
            unknown position      | {"nik":"3507011203880005","fingers":{"RIGHT_TOE":"a.png"}}   | finger position: 'RIGHT_TOE' is not one of
            position code 11      | {"nik":"3507011203880005","fingers":{"11":"a.png"}}          | 11 is not an ISO/ANSI-NIST finger code
            position twice        | {"nik":"3507011203880005","fingers":{"1":"a.png","RIGHT_THUMB":"b.png"}} | position RIGHT_THUMB is given twice
            key twice             | {"nik":"3507011203880005","nik":"3507011203880006"}          | malformed JSON: Duplicate field 'nik'
            unknown eye           | {"nik":"3507011203880005","irises":{"MIDDLE":"e.jpg"}}       | eye position: 'MIDDLE' is not one of RIGHT, LEFT
            bad date              | {"nik":"3507011203880005","birthDate":"1988-02-30"}          | birthDate "1988-02-30" is not a date (YYYY-MM-DD)
            date not ISO          | {"nik":"3507011203880005","birthDate":"12/03/1988"}          | birthDate "12/03/1988" is not a date
            unknown sex           | {"nik":"3507011203880005","sex":"X"}                         | sex: 'X' is not one of M, F
            dpi as text           | {"nik":"3507011203880005","dpi":"high"}                      | field "dpi" must be a whole number (e.g. 500), found string "high"
            dpi fraction          | {"nik":"3507011203880005","dpi":500.5}                       | field "dpi" must be a whole number (e.g. 500), found number 500.5
            name as number        | {"nik":"3507011203880005","name":42}                         | field "name" must be a string, found number 42
            fingers as array      | {"nik":"3507011203880005","fingers":["a.png"]}               | field "fingers" must be an object {"POSITION": "path", ...}, found an array
            path as number        | {"nik":"3507011203880005","fingers":{"1":7}}                 | "fingers.1" must be an image path (a string), found number 7
            empty path            | {"nik":"3507011203880005","fingers":{"1":"  "}}              | "fingers.1" is an empty image path
            NUL in path           | {"nik":"3507011203880005","fingers":{"1":"a\\u0000.png"}}    | "fingers.1" is not a usable path
            misspelt field        | {"nik":"3507011203880005","birthdate":"1988-03-12"}          | unknown field "birthdate"
            """)
    void refusesMalformedLinesWithTheirLineNumberAndReason(String what, String json, String reason) throws IOException {
        Path manifest = write("m.jsonl", "\n" + json + "\n");
        List<ManifestLine> lines = read(manifest);

        assertEquals(1, lines.size());
        ManifestLine.Malformed malformed = assertInstanceOf(ManifestLine.Malformed.class, lines.getFirst());
        assertEquals(2, malformed.line());
        String message = malformed.rejection().reason();
        assertTrue(message.startsWith("line 2: "), message);
        assertTrue(message.contains(reason), "expected '" + reason + "' in: " + message);
    }

    @Test
    void aRefusedLineKeepsItsNikWhenItHasOne() throws IOException {
        Path manifest = write("m.jsonl", "{\"nik\":\"3507011203880005\",\"dpi\":\"x\"}");
        ManifestLine.Malformed malformed = assertInstanceOf(ManifestLine.Malformed.class, read(manifest).getFirst());
        assertEquals("3507011203880005", malformed.rejection().nik());
    }

    @Test
    void readsInChunksInOrder() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            text.append("{\"nik\":\"350701120388000").append(i).append("\"}\n");
        }
        Path manifest = write("m.jsonl", text.toString());
        try (ManifestReader reader = ManifestReader.open(manifest)) {
            assertEquals(List.of(1, 2, 3), reader.next(3).stream().map(ManifestLine::line).toList());
            assertEquals(List.of(4, 5, 6), reader.next(3).stream().map(ManifestLine::line).toList());
            assertEquals(List.of(7), reader.next(3).stream().map(ManifestLine::line).toList());
            assertTrue(reader.next(3).isEmpty());
        }
    }

    @Test
    void aMissingManifestCannotBeOpened() {
        CliFailure failure = assertThrows(CliFailure.class, () -> ManifestReader.open(dir.resolve("none.jsonl")));
        assertEquals("cannot read manifest " + dir.resolve("none.jsonl") + ": no such file or directory",
                failure.getMessage());
        CliFailure folder = assertThrows(CliFailure.class, () -> ManifestReader.open(dir));
        assertTrue(folder.getMessage().endsWith(": it is a directory"), folder.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static List<ManifestLine> read(Path manifest) throws IOException {
        try (ManifestReader reader = ManifestReader.open(manifest)) {
            return reader.next(Integer.MAX_VALUE);
        }
    }

    private static List<ManifestLine.Parsed> parsed(Path manifest) throws IOException {
        return read(manifest).stream().map(line -> assertInstanceOf(ManifestLine.Parsed.class, line, line.toString()))
                .toList();
    }
}
