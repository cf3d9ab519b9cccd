package id.satunik.cli;

/** A manifest record that cannot be read into an enrollment record; the message says which field and why. */
final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    ManifestException(String message) {
        super(message);
    }
}
