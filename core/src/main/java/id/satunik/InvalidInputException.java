package id.satunik;

import java.util.Objects;

/**
 * Bad input that SatuNIK refuses: a malformed NIK, a record whose fields disagree, an image that is missing,
 * unreadable, too small or holds no usable fingerprint. The message always names the subject (the record, NIK
 * or image) and the problem, so that an operator can fix the input without reading a stack trace.
 *
 * <p>{@link UnusableSampleException} marks the milder case of a sample that was read but holds too little
 * biometric information: the engine drops such a sample and rejects the record only when nothing usable is left.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String subject;
    private final String reason;

    public InvalidInputException(String subject, String reason) {
        super(subject + ": " + reason);
        this.subject = Objects.requireNonNull(subject);
        this.reason = Objects.requireNonNull(reason);
    }

    public InvalidInputException(String subject, String reason, Throwable cause) {
        super(subject + ": " + reason, cause);
        this.subject = Objects.requireNonNull(subject);
        this.reason = Objects.requireNonNull(reason);
    }

    /** What was refused, e.g. {@code NIK 3507014101900001} or {@code RIGHT_THUMB image img/101_1.tif}. */
    public String subject() {
        return subject;
    }

    /** Why, in words an operator can act on. */
    public String reason() {
        return reason;
    }
}
