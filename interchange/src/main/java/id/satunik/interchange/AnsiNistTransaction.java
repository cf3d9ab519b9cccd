package id.satunik.interchange;

import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.Sex;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What SatuNIK takes from one ANSI/NIST-ITL transaction: the demographics of its Type-2 record, one image per
 * finger position (Type-4 or Type-14) and per eye (Type-17), and a note for every record it left aside (slaps,
 * an eye of unknown side, a second impression of a finger).
 *
 * <p>Thread-safe: immutable.
 *
 * @param source    the file, for messages
 * @param nik       the NIK from Type-2, null when the transaction carries none
 * @param name      null when absent
 * @param birthDate null when absent
 * @param sex       null when absent
 * @param region    null when absent
 * @param dpi       the fingers' resolution (from the records' pixel scale, else Type-1's transmitting resolution)
 * @param fingers   finger images (WSQ, PNG, JPEG or raw pixels re-encoded as PNG), named file#record
 * @param irises    eye images, named file#record
 * @param notes     records not used, and why
 */
public record AnsiNistTransaction(String source, String nik, String name, LocalDate birthDate, Sex sex, String region,
                                  int dpi, Map<FingerPosition, ImageSource> fingers, Map<EyePosition, ImageSource> irises,
                                  List<String> notes) {
    public AnsiNistTransaction {
        fingers = Map.copyOf(fingers);
        irises = Map.copyOf(irises);
        notes = List.copyOf(notes);
    }

    /** The transaction as an enrollment record under {@code nik} (its own NIK when {@code nik} is null). */
    public EnrollmentRecord toRecord(String nikOverride) {
        EnrollmentRecord.Builder builder = EnrollmentRecord.builder(nikOverride != null ? nikOverride : nik)
                .name(name).birthDate(birthDate).sex(sex).region(region).dpi(dpi);
        fingers.forEach(builder::finger);
        irises.forEach(builder::iris);
        return builder.build();
    }
}
