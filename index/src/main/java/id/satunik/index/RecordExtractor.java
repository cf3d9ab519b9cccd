package id.satunik.index;

import id.satunik.DedupDecision;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.EyeQuality;
import id.satunik.FingerQuality;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.UnusableSampleException;
import id.satunik.matcher.FingerTemplate;
import id.satunik.matcher.FingerprintExtractor;
import id.satunik.matcher.IrisExtractor;
import id.satunik.matcher.IrisTemplate;
import id.satunik.matcher.PreparedFinger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validation and extraction of one record into a {@link ShardRecord}, for a backend that extracts on one
 * process and searches on others. Same rules and messages as the single-node engine: an unusable sample is
 * dropped with its reason, a record without any usable sample is refused.
 *
 * <p>Thread-safe: the extractors are.
 */
public final class RecordExtractor {
    private final FingerprintExtractor fingers = new FingerprintExtractor();
    private final IrisExtractor irises;

    /** Keeps every eye whose code is usable. */
    public RecordExtractor() {
        this(0);
    }

    /** @param minIrisQuality as {@link id.satunik.EngineOptions#minIrisQuality()}: an eye below it is dropped */
    public RecordExtractor(double minIrisQuality) {
        this.irises = new IrisExtractor(minIrisQuality);
    }

    /**
     * Extracts every sample of an enrollment ({@code enrollment}: the NIK is validated) or of a search probe.
     *
     * @throws InvalidInputException naming the record and the problem
     */
    public ShardRecord extract(EnrollmentRecord record, boolean enrollment) {
        String subject;
        if (enrollment) {
            subject = "record " + record.validate();
        } else {
            record.validateSamples();
            subject = "probe";
        }
        List<FingerTemplate> templates = new ArrayList<>();
        List<FingerQuality> quality = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<FingerPosition, ImageSource> finger : record.fingers().entrySet()) {
            try {
                PreparedFinger prepared = fingers.prepare(finger.getKey(), finger.getValue(), record.dpi());
                templates.add(prepared.stored());
                if (prepared.quality() != null) {
                    quality.add(prepared.quality());
                }
            } catch (UnusableSampleException e) {
                dropped.add(e.getMessage());
            }
        }
        List<IrisTemplate> eyes = new ArrayList<>();
        List<EyeQuality> eyeQuality = new ArrayList<>();
        for (Map.Entry<EyePosition, ImageSource> eye : record.irises().entrySet()) {
            try {
                IrisTemplate template = irises.extract(eye.getKey(), eye.getValue());
                eyes.add(template);
                EyeQuality measured = template.quality().forEye(eye.getKey());
                if (measured != null) {
                    eyeQuality.add(measured);
                }
            } catch (UnusableSampleException e) {
                dropped.add(e.getMessage());
            }
        }
        if (templates.isEmpty() && eyes.isEmpty()) {
            String what = record.irises().isEmpty() ? "finger" : record.fingers().isEmpty() ? "iris" : "finger or iris";
            throw new InvalidInputException(subject, "no usable " + what + ": " + String.join("; ", dropped));
        }
        return new ShardRecord(record.nik(), record.name(), record.birthDate(), record.sex(), record.region(),
                templates, eyes, dropped,
                quality.stream().sorted(java.util.Comparator.comparing(FingerQuality::position)).toList(),
                eyeQuality.stream().sorted(java.util.Comparator.comparing(EyeQuality::position)).toList());
    }

    /** The decision for an enrollment that {@link #extract} refused, worded as the single-node engine's. */
    public static DedupDecision.Rejected refusal(EnrollmentRecord record, RuntimeException e) {
        if (e instanceof InvalidInputException) {
            return new DedupDecision.Rejected(record.nik(), e.getMessage());
        }
        return new DedupDecision.Rejected(record.nik(), "record " + record.nik()
                + ": could not be processed (" + e + "); nothing enrolled");
    }
}
