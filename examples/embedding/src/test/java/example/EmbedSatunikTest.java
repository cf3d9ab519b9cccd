package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.satunik.DedupDecision;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding recipe, run from a plain Maven project. */
class EmbedSatunikTest {
    @TempDir
    Path dir;

    @Test
    void enrollsThenFindsTheSamePersonUnderAnotherNik() {
        Path image = Path.of(System.getProperty("example.image"));
        Path gallery = dir.resolve("gallery");
        assertEquals(DedupDecision.Kind.ENROLLED, EmbedSatunik.dedup(gallery, "3507014101900001", image).kind());
        // the store persisted: a second open sees the first person
        assertEquals(DedupDecision.Kind.DUPLICATE, EmbedSatunik.dedup(gallery, "3578014101900007", image).kind());
    }

    /** The embedder's class path has one Jackson version, the one SatuNIK is tested with. */
    @Test
    void jacksonVersionsAreAligned() {
        String core = com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString();
        assertEquals(core, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        assertEquals("2.19.2", core);
    }
}
