package id.satunik.index;

import static id.satunik.index.IrisEngineTest.SUBJECTS;
import static id.satunik.index.IrisEngineTest.eye;
import static id.satunik.index.Records.nik;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.DedupDecision.Kind;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrolledPerson;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.StoreKey;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.IrisExtractor;
import id.satunik.matcher.IrisTemplate;
import id.satunik.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DedupEngine.enrolled: what the store keeps of a person (real FVC print, real CASIA eye), read back and audited. */
class EnrolledPersonTest {
    @TempDir
    Path store;

    @Test
    void readsBackTheStoredTemplatesOfAnEncryptedStoreAndAuditsTheRead() throws Exception {
        ImageSource thumb = ImageSource.of(SharedData.fvc("fvc2002-db1b", 105, 1));
        ImageSource right = eye(SUBJECTS[0], 'R', 1);
        EngineOptions options = EngineOptions.at(store).withThreads(2).withCapacity(100).withOperator("adjudicator-7")
                .withKey(StoreKey.of(new byte[32]));
        String nik = nik(42);
        try (DedupEngine engine = DedupEngine.open(options)) {
            EnrollmentRecord record = EnrollmentRecord.builder(nik).name("Dewi Lestari").region("Sleman")
                    .finger(FingerPosition.RIGHT_THUMB, thumb).iris(EyePosition.RIGHT, right).build();
            assertEquals(Kind.ENROLLED, engine.dedup(record).kind());
        }
        try (DedupEngine engine = DedupEngine.open(options)) {
            EnrolledPerson person = engine.enrolled(nik).orElseThrow();
            assertEquals(nik, person.nik().value());
            assertEquals("Dewi Lestari", person.name());
            assertEquals("Sleman", person.region());
            assertEquals(java.util.Set.of(FingerPosition.RIGHT_THUMB), person.fingers().keySet());
            // the template is the one the extractor gives for the enrolled image, decrypted
            assertArrayEquals(new FingerprintExtractor().extract(FingerPosition.RIGHT_THUMB, thumb, 500).bytes(),
                    person.fingers().get(FingerPosition.RIGHT_THUMB).template());
            IrisTemplate code = new IrisExtractor().extract(EyePosition.RIGHT, right);
            assertArrayEquals(code.code(), person.irises().get(EyePosition.RIGHT).code());
            assertArrayEquals(code.mask(), person.irises().get(EyePosition.RIGHT).mask());

            assertEquals(Optional.empty(), engine.enrolled(nik(43)));
            assertThrows(InvalidInputException.class, () -> engine.enrolled("12345"));
        }
        List<String> audit = Files.readAllLines(store.resolve(AuditLog.FILE));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"operator\":\"adjudicator-7\"") && l.contains("\"action\":\"read\"")
                && l.contains("\"nik\":\"" + nik + "\"") && l.contains("\"outcome\":\"FOUND\"")), audit.toString());
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"action\":\"read\"") && l.contains("\"outcome\":\"NOT_ENROLLED\"")),
                audit.toString());
        try (DedupEngine engine = DedupEngine.open(options)) {
            assertEquals(List.of(), engine.verifyStore(), "read entries keep the audit chain sound");
        }
    }
}
