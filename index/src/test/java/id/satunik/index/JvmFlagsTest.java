package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmFlagsTest {
    @TempDir
    Path dir;

    @Test
    void theTestJvmHasEveryFlag() {
        assertEquals(List.of(), JvmFlags.missing(JvmFlags.class.getModule()));
    }

    /** A JVM started as a plain Maven project would start it: the error lists the flags, and no lock file is left. */
    @Test
    void aJvmWithoutTheFlagsIsToldWhichAndTheStoreIsNotTouched() throws Exception {
        Path store = dir.resolve("store");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OpenWithoutFlags.class.getName(), store.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, process.exitValue(), output);
        assertTrue(output.contains("needs JVM flags this JVM was started without: --add-opens=java.base/java.lang=ALL-UNNAMED"),
                output);
        assertTrue(output.contains("--add-modules=jdk.compiler,jdk.incubator.vector") && output.contains("<argLine>")
                && output.contains("exec:exec") && output.contains("Nothing was opened or written"), output);
        assertFalse(Files.exists(store), "no store folder, no store.lock: " + output);
    }

    /** The child JVM's main: opens a store and reports how that went through the exit code. */
    public static final class OpenWithoutFlags {
        public static void main(String[] args) throws IOException {
            try (DedupEngine engine = DedupEngine.open(EngineOptions.at(Path.of(args[0])))) {
                System.exit(0);
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
