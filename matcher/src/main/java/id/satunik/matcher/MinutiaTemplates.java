package id.satunik.matcher;

import com.machinezoo.fingerprintio.TemplateFormat;
import com.machinezoo.sourceafis.FingerprintCompatibility;
import com.machinezoo.sourceafis.FingerprintTemplate;
import id.satunik.InvalidInputException;
import java.util.Locale;

/**
 * Standard minutia templates — ISO/IEC 19794-2 (2005, 2011) and ANSI INCITS 378 (2004, 2009) — read in place of a
 * finger image and written from one, with SourceAFIS's own codec (FingerprintCompatibility) rather than a
 * hand-written parser. A template is recognised by its content (the {@code FMR\0} magic both standards start with),
 * so a {@code .iso}/{@code .ist}/{@code .ansi} file is accepted wherever a finger image is.
 *
 * <p>Thread-safe: stateless.
 */
public final class MinutiaTemplates {
    /** The standard formats SatuNIK writes. */
    public enum Format {
        ISO_19794_2_2005(TemplateFormat.ISO_19794_2_2005, "ISO/IEC 19794-2:2005"),
        ISO_19794_2_2011(TemplateFormat.ISO_19794_2_2011, "ISO/IEC 19794-2:2011"),
        ANSI_378_2004(TemplateFormat.ANSI_378_2004, "ANSI INCITS 378-2004"),
        ANSI_378_2009(TemplateFormat.ANSI_378_2009, "ANSI INCITS 378-2009");

        private final TemplateFormat codec;
        private final String title;

        Format(TemplateFormat codec, String title) {
            this.codec = codec;
            this.title = title;
        }

        /** The standard's name, e.g. {@code ISO/IEC 19794-2:2005}. */
        public String title() {
            return title;
        }

        /** {@code iso-19794-2-2005}, {@code ISO_19794_2_2005}, {@code ansi-378-2004}, ... */
        public static Format parse(String text) {
            String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(':', '_');
            for (Format f : values()) {
                if (f.name().equals(key)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown template format \"" + text + "\" (formats: iso-19794-2-2005,"
                    + " iso-19794-2-2011, ansi-378-2004, ansi-378-2009)");
        }
    }

    private MinutiaTemplates() {
    }

    /** Whether the bytes start with {@code FMR\0}, the magic of ISO/IEC 19794-2 and ANSI INCITS 378 records. */
    public static boolean isTemplate(byte[] bytes) {
        return bytes.length >= 8 && bytes[0] == 'F' && bytes[1] == 'M' && bytes[2] == 'R' && bytes[3] == 0;
    }

    /** The template's standard, for messages: e.g. {@code ISO_19794_2_2005}; "unknown" when the codec cannot tell. */
    static String describe(byte[] bytes) {
        try {
            TemplateFormat format = TemplateFormat.identify(bytes);
            return format == null ? "unknown version" : format.name();
        } catch (RuntimeException e) {
            return "unknown version";
        }
    }

    /**
     * Reads a single-finger ISO/ANSI template.
     *
     * @throws InvalidInputException naming {@code subject} when the template is malformed or holds no or several fingers
     */
    static FingerprintTemplate read(byte[] bytes, String subject) {
        try {
            return FingerprintCompatibility.importTemplate(bytes);
        } catch (RuntimeException e) {
            throw new InvalidInputException(subject, "unreadable ISO/ANSI minutia template (" + describe(bytes) + "): "
                    + e.getMessage(), e);
        }
    }

    /** Writes one finger's template in a standard format. */
    public static byte[] write(FingerTemplate template, Format format) {
        return FingerprintCompatibility.exportTemplates(format.codec, new FingerprintTemplate(template.bytesUnsafe()));
    }
}
