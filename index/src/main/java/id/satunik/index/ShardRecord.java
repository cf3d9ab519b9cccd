package id.satunik.index;

import id.satunik.EyeQuality;
import id.satunik.FingerQuality;
import id.satunik.Sex;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.IrisTemplate;
import java.time.LocalDate;
import java.util.List;

/**
 * A record after extraction, in a form that can travel between processes: the NIK and demographics as submitted,
 * the serialized finger templates and the iris codes. A cluster extracts a record on one member, searches every
 * shard with it and stores it in the shard that owns its NIK; {@link GalleryShard} turns it back into the
 * engine's prepared form (each template parsed once per member).
 *
 * <p>Immutable; thread-safe.
 *
 * @param nik     the NIK as submitted (valid for an enrollment; may be null for a search probe)
 * @param dropped samples left out as unusable, each with its reason
 * @param fingerQuality the submitted fingers' quality, in position order, as the single-node engine reports it in
 *                      a decision (empty when the fingers were not seen as images)
 * @param irisQuality   the used eyes' quality, right eye first, likewise
 */
public record ShardRecord(String nik, String name, LocalDate birthDate, Sex sex, String region,
                          List<FingerTemplate> fingers, List<IrisTemplate> irises, List<String> dropped,
                          List<FingerQuality> fingerQuality, List<EyeQuality> irisQuality) {
    public ShardRecord {
        irisQuality = List.copyOf(irisQuality);
        fingers = List.copyOf(fingers);
        irises = List.copyOf(irises);
        dropped = List.copyOf(dropped);
        fingerQuality = List.copyOf(fingerQuality);
        if (fingers.isEmpty() && irises.isEmpty()) {
            throw new IllegalArgumentException("record " + nik + " carries no template");
        }
    }

    /** A record without eye quality (eyes read back from a store, or none). */
    public ShardRecord(String nik, String name, LocalDate birthDate, Sex sex, String region,
                       List<FingerTemplate> fingers, List<IrisTemplate> irises, List<String> dropped,
                       List<FingerQuality> fingerQuality) {
        this(nik, name, birthDate, sex, region, fingers, irises, dropped, fingerQuality, List.of());
    }
}
