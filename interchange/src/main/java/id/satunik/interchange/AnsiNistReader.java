package id.satunik.interchange;

import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.Sex;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jnbis.api.Jnbis;
import org.jnbis.api.model.Nist;
import org.jnbis.api.model.record.HighResolutionGrayscaleFingerprint;
import org.jnbis.api.model.record.IrisImage;
import org.jnbis.api.model.record.UserDefinedDescriptiveText;
import org.jnbis.api.model.record.VariableResolutionFingerprint;

/**
 * Reads an ANSI/NIST-ITL transaction (traditional encoding: {@code .an2}, {@code .eft}, ...) with jnbis into an
 * {@link AnsiNistTransaction}:
 * <ul>
 *   <li>fingers from Type-4 (high-resolution greyscale) and Type-14 (variable resolution) records, positions 1-10;
 *       when a position comes twice the rolled impression wins; the plain thumbs 11/12 stand in for missing rolled
 *       thumbs; four-finger slaps (13-15) are left aside (segmenting them is not SatuNIK's job);
 *   <li>irises from Type-17 records, eye label 1 = right, 2 = left;
 *   <li>demographics from the Type-2 fields of a {@link Type2Fields} mapping.
 * </ul>
 * Images keep their encoding (WSQ, JPEG, PNG; the matcher decodes them) except uncompressed pixels, which are
 * wrapped as PNG. An encoding the matcher cannot decode (JPEG lossless, JPEG 2000) or a malformed field is an
 * {@link InvalidInputException} naming the file and the record.
 *
 * <p>Thread-safe: immutable; jnbis parses each call into its own objects.
 */
public final class AnsiNistReader {
    /** File extensions of ANSI/NIST-ITL transactions, for folder listings. */
    public static final Set<String> EXTENSIONS = Set.of("an2", "an1", "eft", "nist", "int", "ebts");

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int DEFAULT_DPI = 500;

    private final Type2Fields fields;

    public AnsiNistReader(Type2Fields fields) {
        this.fields = fields;
    }

    /** Whether {@code file}'s name ends with one of {@link #EXTENSIONS}. */
    public static boolean isTransaction(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** @throws InvalidInputException naming the file (and record) when it cannot be read or mapped */
    public AnsiNistTransaction read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, "ANSI/NIST file not found");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(source, "ANSI/NIST file not readable (permission denied)");
        } catch (IOException e) {
            throw new InvalidInputException(source, "ANSI/NIST file unreadable (" + e.getMessage() + ")", e);
        }
        return read(source, bytes);
    }

    /** @param source the name used in messages and image names */
    public AnsiNistTransaction read(String source, byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidInputException(source, "ANSI/NIST file is empty (0 bytes)");
        }
        Nist nist;
        try {
            nist = Jnbis.nist().decode(bytes);
        } catch (RuntimeException e) {
            throw new InvalidInputException(source, "not a readable ANSI/NIST-ITL transaction (" + e + ")", e);
        }
        if (nist.getTransactionInfo() == null) {
            throw new InvalidInputException(source, "not an ANSI/NIST-ITL transaction: no Type-1 record");
        }
        List<String> notes = new ArrayList<>();
        Fingers fingers = new Fingers(source, notes);
        int type1Dpi = type1Dpi(nist);
        for (HighResolutionGrayscaleFingerprint r : nist.getHiResGrayscaleFingerprints()) {
            String where = "Type-4 record IDC " + r.getImageDesignationCharacter();
            fingers.offer(where, r.getFingerPosition(), r.getImpressionType(), type1Dpi,
                    () -> type4Image(source, where, r));
        }
        for (VariableResolutionFingerprint r : nist.getVariableResFingerprints()) {
            String where = "Type-14 record IDC " + r.getImageDesignationCharacter();
            int dpi = scaleDpi(r.getScaleUnits(), r.getHorizontalPixelScale(), type1Dpi);
            fingers.offer(where, r.getFingerPosition(), r.getImpressionType(), dpi,
                    () -> variableImage(source, where, r.getCompressionAlgorithm(), r.getImageData(),
                            r.getHorizontalLineLength(), r.getVerticalLineLength(), r.getBitsPerPixel()));
        }
        Map<EyePosition, ImageSource> irises = new EnumMap<>(EyePosition.class);
        for (IrisImage r : nist.getIrisImages()) {
            String where = "Type-17 record IDC " + r.getImageDesignationCharacter();
            EyePosition eye = switch (strip(r.getFeatureIdentifier())) {
                case "1" -> EyePosition.RIGHT;
                case "2" -> EyePosition.LEFT;
                default -> null;
            };
            if (eye == null) {
                notes.add(where + ": eye label \"" + strip(r.getFeatureIdentifier()) + "\" is neither right (1) nor left (2); not used");
            } else if (irises.containsKey(eye)) {
                notes.add(where + ": a second " + eye + " eye; the first is used");
            } else {
                irises.put(eye, variableImage(source, where, r.getCompressionAlgorithm(), r.getImageData(),
                        r.getHorizontalLineLength(), r.getVerticalLineLength(), r.getBitsPerPixel()));
            }
        }
        Map<Integer, String> type2 = type2(nist);
        return new AnsiNistTransaction(source, field(type2, fields.nik()), name(field(type2, fields.name())),
                birthDate(source, type2), sex(source, type2), field(type2, fields.region()),
                fingers.dpi(), fingers.images(), irises, notes);
    }

    /** Fingers by position: rolled beats plain, a plain thumb stands in for a missing rolled one. */
    private static final class Fingers {
        private final String source;
        private final List<String> notes;
        private final Map<FingerPosition, ImageSource> images = new EnumMap<>(FingerPosition.class);
        private final Map<FingerPosition, Boolean> rolled = new EnumMap<>(FingerPosition.class);
        private final Map<FingerPosition, String> from = new EnumMap<>(FingerPosition.class);
        private final Map<FingerPosition, Integer> dpis = new EnumMap<>(FingerPosition.class);

        Fingers(String source, List<String> notes) {
            this.source = source;
            this.notes = notes;
        }

        void offer(String where, String positionText, String impressionText, int dpi, java.util.function.Supplier<ImageSource> image) {
            int code = integer(source, where, "finger position", positionText);
            boolean isRolled = Set.of(1, 3).contains(integerOr(impressionText, -1));
            FingerPosition position;
            boolean standIn = false;
            if (code >= 1 && code <= 10) {
                position = FingerPosition.fromCode(code);
            } else if (code == 11 || code == 12) {
                position = code == 11 ? FingerPosition.RIGHT_THUMB : FingerPosition.LEFT_THUMB;
                standIn = true;
            } else {
                notes.add(where + ": finger position " + code + (code >= 13 && code <= 15 ? " (four-finger slap)" : "")
                        + " not used");
                return;
            }
            if (images.containsKey(position)) {
                boolean better = !standIn && isRolled && !rolled.get(position);
                if (!better) {
                    notes.add(where + ": " + position + " already taken from " + from.get(position) + "; not used");
                    return;
                }
                notes.add(from.get(position) + ": " + position + " replaced by the rolled impression of " + where);
            }
            images.put(position, image.get());
            rolled.put(position, isRolled && !standIn);
            from.put(position, where);
            dpis.put(position, dpi);
        }

        Map<FingerPosition, ImageSource> images() {
            return images;
        }

        /** One resolution per record (the engine's model): the most common among the fingers used. */
        int dpi() {
            return dpis.values().stream()
                    .collect(java.util.stream.Collectors.groupingBy(d -> d, java.util.stream.Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).orElse(DEFAULT_DPI);
        }
    }

    private static ImageSource type4Image(String source, String where, HighResolutionGrayscaleFingerprint r) {
        // Type-4 compression: 0 = uncompressed, 1 = WSQ; other values are vendor codes (often JPEG) left to sniffing.
        String algorithm = strip(r.getCompressionAlgorithm());
        if (algorithm.equals("0")) {
            return raw(source, where, r.getImageData(), r.getHorizontalLineLength(), r.getVerticalLineLength());
        }
        return ImageSource.of(source + "#" + where, r.getImageData());
    }

    private static ImageSource variableImage(String source, String where, String algorithmText, byte[] data,
                                             String width, String height, String bitsPerPixel) {
        String algorithm = strip(algorithmText).toUpperCase(Locale.ROOT);
        return switch (algorithm) {
            case "NONE", "0" -> {
                if (!strip(bitsPerPixel).isEmpty() && integerOr(bitsPerPixel, 8) != 8) {
                    throw new InvalidInputException(source, where + ": uncompressed image of " + strip(bitsPerPixel)
                            + " bits per pixel; only 8-bit greyscale is read");
                }
                yield raw(source, where, data, width, height);
            }
            case "WSQ20", "WSQ", "1", "JPEGB", "2", "PNG", "6" -> ImageSource.of(source + "#" + where, data);
            case "JPEGL", "3", "JP2", "4", "JP2L", "5" -> throw new InvalidInputException(source, where + ": image"
                    + " compression " + algorithm + " (JPEG lossless / JPEG 2000) cannot be decoded by SatuNIK; send WSQ,"
                    + " PNG or JPEG");
            default -> throw new InvalidInputException(source, where + ": unknown image compression \"" + algorithm + "\"");
        };
    }

    /** Uncompressed 8-bit pixels, wrapped as PNG so that every image travels encoded. */
    private static ImageSource raw(String source, String where, byte[] data, String widthText, String heightText) {
        int width = integer(source, where, "horizontal line length", widthText);
        int height = integer(source, where, "vertical line length", heightText);
        if (width <= 0 || height <= 0 || (long) width * height != data.length) {
            throw new InvalidInputException(source, where + ": uncompressed image of " + width + "x" + height
                    + " px holds " + data.length + " bytes");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, data);
        ByteArrayOutputStream png = new ByteArrayOutputStream(data.length / 2);
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding in memory failed", e);
        }
        return ImageSource.of(source + "#" + where, png.toByteArray());
    }

    /** Type-1 nominal transmitting resolution (pixels per mm) as dpi; 500 when absent or zero. */
    private static int type1Dpi(Nist nist) {
        String ntr = strip(nist.getTransactionInfo().getNominalTransmittingResolution());
        try {
            double ppmm = Double.parseDouble(ntr);
            return ppmm > 0 ? (int) Math.round(ppmm * 25.4) : DEFAULT_DPI;
        } catch (NumberFormatException e) {
            return DEFAULT_DPI;
        }
    }

    /** A variable-resolution record's pixel scale as dpi: units 1 = per inch, 2 = per centimetre, 0 = ratio only. */
    private static int scaleDpi(String unitsText, String scaleText, int fallback) {
        int units = integerOr(unitsText, 0);
        int scale = integerOr(scaleText, 0);
        if (scale <= 0 || units == 0) {
            return fallback;
        }
        return units == 2 ? (int) Math.round(scale * 2.54) : scale;
    }

    private static Map<Integer, String> type2(Nist nist) {
        List<UserDefinedDescriptiveText> texts = nist.getUserDefinedTexts();
        if (texts == null || texts.isEmpty()) {
            return Map.of();
        }
        Map<Integer, String> fields = texts.getFirst().getUserDefinedFields();
        return fields == null ? Map.of() : fields;
    }

    private static String field(Map<Integer, String> type2, int number) {
        if (number == 0) {
            return null;
        }
        String value = type2.get(number);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** EBTS names are LAST,FIRST MIDDLE; an Indonesian single name has no comma and stays as it is. */
    private static String name(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        if (comma < 0) {
            return value;
        }
        String last = value.substring(0, comma).strip();
        String first = value.substring(comma + 1).strip();
        return first.isEmpty() ? last : last.isEmpty() ? first : first + " " + last;
    }

    private LocalDate birthDate(String source, Map<Integer, String> type2) {
        String value = field(type2, fields.birthDate());
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, CCYYMMDD);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(source, "Type-2 field 2." + String.format(Locale.ROOT, "%03d", fields.birthDate())
                    + " (birth date) \"" + value + "\" is not a date CCYYMMDD");
        }
    }

    private Sex sex(String source, Map<Integer, String> type2) {
        String value = field(type2, fields.sex());
        if (value == null) {
            return null;
        }
        try {
            return Sex.parse(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source, "Type-2 field 2." + String.format(Locale.ROOT, "%03d", fields.sex())
                    + " (sex) \"" + value + "\": " + e.reason());
        }
    }

    private static int integer(String source, String where, String what, String text) {
        try {
            return Integer.parseInt(strip(text));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(source, where + ": " + what + " \"" + strip(text) + "\" is not a number");
        }
    }

    private static int integerOr(String text, int fallback) {
        try {
            return Integer.parseInt(strip(text));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
