package example;

import id.satunik.DedupDecision;
import id.satunik.DedupEngine;
import id.satunik.EngineOptions;
import id.satunik.EnrollmentRecord;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.Sex;
import java.time.LocalDate;
import java.nio.file.Path;

/** The README's Java snippet as a program: {@code EmbedSatunik GALLERY IMAGE [NIK]}. */
public final class EmbedSatunik {
    private EmbedSatunik() {
    }

    public static void main(String[] args) {
        DedupDecision decision = dedup(Path.of(args[0]), args.length > 2 ? args[2] : "3507014101900001", Path.of(args[1]));
        System.out.println(decision.kind() + ": " + decision.reason());
    }

    /** Exactly the README's snippet, with the gallery, NIK and image as parameters. */
    static DedupDecision dedup(Path gallery, String nik, Path image) {
        try (DedupEngine engine = DedupEngine.open(EngineOptions.at(gallery))) {
            EnrollmentRecord record = EnrollmentRecord.builder(nik)
                    .name("Siti Aminah").sex(Sex.FEMALE).birthDate(LocalDate.of(1990, 1, 1))
                    .finger(FingerPosition.RIGHT_THUMB, ImageSource.of(image))
                    .build();
            DedupDecision decision = engine.dedup(record);       // ENROLLED, DUPLICATE, NIK_CONFLICT, ...
            return decision;
        }
    }
}
