package id.satunik.cluster;

import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.Sex;
import id.satunik.index.RecordExtractor;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Extraction of one record on a member: the images travel as bytes (a member need not see the coordinator's
 * files), the templates come back as {@link RecordCodec} bytes, or the refusal with its reason.
 * Not thread-safe (one per submission).
 */
final class ExtractTask implements Callable<ExtractTask.Result>, Serializable {
    private static final long serialVersionUID = 1L;
    /** One extractor per minimum eye quality asked for (in practice one): they are thread-safe and costly to build. */
    private static final java.util.concurrent.ConcurrentMap<Double, RecordExtractor> EXTRACTORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final String nik;
    private final String name;
    private final LocalDate birthDate;
    private final Sex sex;
    private final String region;
    private final int dpi;
    private final boolean enrollment;
    private final double minIrisQuality;
    private final Map<FingerPosition, Image> fingers = new EnumMap<>(FingerPosition.class);
    private final Map<EyePosition, Image> irises = new EnumMap<>(EyePosition.class);

    /**
     * The outcome: {@code record} bytes, or {@code refusal} (the single-node engine's wording), and the member's
     * time for it.
     */
    record Result(byte[] record, String refusal, long nanos) implements Serializable {
    }

    private record Image(String name, byte[] bytes) implements Serializable {
        ImageSource source() {
            return bytes == null ? ImageSource.of(java.nio.file.Path.of(name)) : ImageSource.of(name, bytes);
        }
    }

    ExtractTask(EnrollmentRecord r, boolean enrollment, double minIrisQuality) {
        this.minIrisQuality = minIrisQuality;
        this.nik = r.nik();
        this.name = r.name();
        this.birthDate = r.birthDate();
        this.sex = r.sex();
        this.region = r.region();
        this.dpi = r.dpi();
        this.enrollment = enrollment;
        r.fingers().forEach((p, s) -> fingers.put(p, image(s)));
        r.irises().forEach((e, s) -> irises.put(e, image(s)));
    }

    /** Read here, so a member needs no access to the files; an unreadable file is left for the extractor to report. */
    private static Image image(ImageSource source) {
        try {
            return new Image(source.name(), source.read());
        } catch (IOException | RuntimeException e) {
            return new Image(source.name(), null);
        }
    }

    EnrollmentRecord record() {
        EnrollmentRecord.Builder b = EnrollmentRecord.builder(nik).name(name).birthDate(birthDate).sex(sex)
                .region(region).dpi(dpi);
        fingers.forEach((p, i) -> b.finger(p, i.source()));
        irises.forEach((e, i) -> b.iris(e, i.source()));
        return b.build();
    }

    @Override
    public Result call() {
        long start = System.nanoTime();
        EnrollmentRecord record = record();
        try {
            return new Result(RecordCodec.encode(EXTRACTORS.computeIfAbsent(minIrisQuality,
                    RecordExtractor::new).extract(record, enrollment)), null,
                    System.nanoTime() - start);
        } catch (RuntimeException e) {
            if (!enrollment) {
                throw e;
            }
            return new Result(null, RecordExtractor.refusal(record, e).reason(), System.nanoTime() - start);
        }
    }
}
