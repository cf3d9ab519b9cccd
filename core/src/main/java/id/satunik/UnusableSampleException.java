package id.satunik;

/**
 * A sample that decoded fine but holds too little biometric information to compare (a blank capture, a print
 * with too few minutiae, an eye whose iris is mostly occluded). Unlike other {@link InvalidInputException}s, which
 * reject the whole record (a wrong path or a corrupt file is an input error to fix), an unusable sample is
 * dropped and the record goes on with its other samples; it is rejected only when none is usable.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class UnusableSampleException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public UnusableSampleException(String subject, String reason) {
        super(subject, reason);
    }
}
