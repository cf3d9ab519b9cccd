package id.satunik.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCatalogTest {
    @TempDir
    Path dir;

    @Test
    void readsFvcNamesSkippingNonImages() throws IOException {
        touch("102_1.tif", "101_2.TIF", "101_1.tif", "9_1.png", "MANIFEST.md", "SHA256SUMS");
        Files.createDirectory(dir.resolve("sub"));
        SampleCatalog.Dataset d = SampleCatalog.folder(dir, "db", 569);
        assertEquals(List.of("9/1", "101/1", "101/2", "102/1"),
                d.samples().stream().map(s -> s.identity().subject() + "/" + s.impression()).toList(),
                "subjects by number, then impression");
        assertEquals(3, d.subjects());
        assertTrue(d.samples().stream().allMatch(s -> s.dpi() == 569 && s.dataset().equals("db") && s.identity().group().equals("db")));
    }

    @Test
    void readsCasiaIrisNamesWithTheEyeAsIdentity() throws IOException {
        touch("S1002R01.jpg", "S1001L02.jpg", "S1001L01.jpg", "S1001R01.jpg", "MANIFEST.md");
        SampleCatalog.Dataset interval = SampleCatalog.folder(dir, "interval", 500);
        assertEquals(List.of("001L/1", "001L/2", "001R/1", "002R/1"),
                interval.samples().stream().map(s -> s.identity().subject() + "/" + s.impression()).toList(),
                "left and right eye of one subject are two identities");
        assertTrue(interval.naming().startsWith("CASIA-Iris-Interval"), interval.naming());

        Path v1 = Files.createDirectory(dir.resolve("v1"));
        for (String name : List.of("001_1_1.jpg", "001_2_4.jpg", "002_1_3.jpg")) {
            Files.writeString(v1.resolve(name), "x");
        }
        SampleCatalog.Dataset d = SampleCatalog.folder(v1, "v1", 500);
        assertEquals(List.of("1/11", "1/24", "2/13"),
                d.samples().stream().map(s -> s.identity().subject() + "/" + s.impression()).toList(),
                "impression 10 x session + image");

        Files.writeString(v1.resolve("101_1.jpg"), "x");
        InvalidInputException mixed = assertThrows(InvalidInputException.class, () -> SampleCatalog.folder(v1, "v1", 500));
        assertTrue(mixed.getMessage().contains("101_1.jpg is not named like the folder's first image (CASIA-IrisV1"),
                mixed.getMessage());
    }

    @Test
    void refusesAnImageNotNamedTheFvcWay() throws IOException {
        touch("101_1.tif", "thumb.tif");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SampleCatalog.folder(dir, "db", 500));
        assertTrue(e.getMessage().contains("thumb.tif is not named the FVC way"), e.getMessage());
        assertTrue(e.getMessage().contains("--mapping"), e.getMessage());
    }

    @Test
    void refusesAFolderWithoutImagesAndAMissingFolder() throws IOException {
        touch("README.md");
        assertTrue(assertThrows(InvalidInputException.class, () -> SampleCatalog.folder(dir, "db", 500))
                .getMessage().contains("holds no image file"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> SampleCatalog.folder(dir.resolve("nope"), "db", 500)).getMessage().contains("not a folder"));
    }

    @Test
    void refusesTwoFilesForOneImpression() throws IOException {
        touch("101_1.tif", "0101_1.png");
        assertTrue(assertThrows(InvalidInputException.class, () -> SampleCatalog.folder(dir, "db", 500))
                .getMessage().contains("are both subject 101 impression 1"));
    }

    @Test
    void readsAMappingWithHeaderCommentsAndImpressions() throws IOException {
        touch("a.png", "b.png", "c.png");
        Path csv = csv("file,subject,impression", "# left thumb of Budi", "a.png,budi,2", "\"b.png\", budi ,1", "",
                "c.png,siti,1");
        SampleCatalog.Dataset d = SampleCatalog.mapping(csv, "map", 500);
        assertEquals(List.of("budi/1/b.png", "budi/2/a.png", "siti/1/c.png"), d.samples().stream()
                .map(s -> s.identity().subject() + "/" + s.impression() + "/" + s.file().getFileName()).toList());
    }

    @Test
    void numbersImpressionsInFileOrderWithoutTheColumn() throws IOException {
        touch("x1.png", "x2.png", "y.png");
        SampleCatalog.Dataset d = SampleCatalog.mapping(csv("x2.png,7", "y.png,8", "x1.png,7"), "map", 500);
        assertEquals(List.of("7/1/x2.png", "7/2/x1.png", "8/1/y.png"), d.samples().stream()
                .map(s -> s.identity().subject() + "/" + s.impression() + "/" + s.file().getFileName()).toList());
    }

    @Test
    void namesTheLineOfEveryMappingError() throws IOException {
        touch("a.png", "b.png");
        assertError(csv("a.png,1", "b.png"), "line 2", "expected file,subject[,impression] but found 1 column");
        assertError(csv("a.png,1,x"), "line 1", "impression 'x' is not a positive whole number");
        assertError(csv("a.png,1,0"), "line 1", "impression '0' is not a positive whole number");
        assertError(csv("a.png,1,1", "b.png,1,1"), "line 2", "subject 1 impression 1 is listed twice");
        assertError(csv("a.png,1,1", "a.png,2,1"), "line 2", "file a.png is listed twice");
        assertError(csv("a.png,1,1", "b.png,2"), "line 2", "give the impression column on every line or on none");
        assertError(csv("a.png,1", "missing.png,2"), "line 2", "image file not found");
        assertError(csv("a.png,"), "line 1", "subject is empty");
        assertError(csv("file,subject"), "mapping", "lists no image");
        assertError(dir.resolve("none.csv"), "mapping", "file not found");
    }

    private void assertError(Path csv, String where, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SampleCatalog.mapping(csv, "m", 500));
        assertTrue(e.subject().contains(where), e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
    }

    private int csvCount;

    private Path csv(String... lines) throws IOException {
        Path file = dir.resolve("map" + (csvCount++) + ".csv");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private void touch(String... names) throws IOException {
        for (String name : names) {
            Files.writeString(dir.resolve(name), "x");
        }
    }
}
