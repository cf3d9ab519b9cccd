package id.satunik.cli;

import com.fasterxml.jackson.databind.JsonNode;
import id.satunik.EnrollmentRecord;
import id.satunik.EyePosition;
import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.Sex;
import id.satunik.interchange.AnsiNistReader;
import id.satunik.interchange.Type2Fields;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One manifest record (a JSON object) → {@link EnrollmentRecord}. Checks the shape only (fields, types, dates,
 * positions); whether the NIK is valid and agrees with sex and birth date is the engine's check, so that a
 * library user and the CLI get the same reasons. Image paths are resolved against the manifest's folder.
 *
 * <p>Unknown fields are refused: a misspelt {@code "birthdate"} would otherwise silently skip the NIK/birth-date
 * check. Thread-safe: immutable.
 */
final class RecordParser {
    static final Set<String> FIELDS = Set.of("nik", "name", "birthDate", "sex", "dpi", "region", "fingers", "irises",
            "ansiNist");

    private final Path baseDir;
    private final AnsiNistReader ansiNist;

    /** @param baseDir folder that relative image paths are resolved against */
    RecordParser(Path baseDir) {
        this(baseDir, Type2Fields.DEFAULT);
    }

    /** @param type2 where {@code "ansiNist"} transactions keep NIK and demographics */
    RecordParser(Path baseDir, Type2Fields type2) {
        this.baseDir = baseDir;
        this.ansiNist = new AnsiNistReader(type2);
    }

    /** The folder of {@code file}, as written (so that report paths stay as short as the manifest's). */
    static Path folderOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }

    /**
     * @param requireNik false for a search probe, which needs no NIK
     * @throws ManifestException naming the field and the problem
     */
    EnrollmentRecord parse(JsonNode node, boolean requireNik) throws ManifestException {
        if (!node.isObject()) {
            throw new ManifestException("a record must be a JSON object {...}, found " + kind(node));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw new ManifestException("unknown field \"" + name + "\" (fields: nik, name, birthDate, sex, dpi, "
                        + "region, fingers, irises, ansiNist)");
            }
        }
        String nik = text(node, "nik");
        String transaction = text(node, "ansiNist");
        if (nik == null && requireNik && transaction == null) {
            throw new ManifestException("missing field \"nik\"");
        }
        EnrollmentRecord.Builder builder = EnrollmentRecord.builder(nik)
                .name(text(node, "name"))
                .region(text(node, "region"));
        String birthDate = text(node, "birthDate");
        if (birthDate != null) {
            try {
                builder.birthDate(LocalDate.parse(birthDate));
            } catch (DateTimeParseException e) {
                throw new ManifestException("birthDate \"" + birthDate + "\" is not a date (YYYY-MM-DD)");
            }
        }
        String sex = text(node, "sex");
        if (sex != null) {
            builder.sex(parseOrFail(Sex::parse, sex));
        }
        JsonNode dpi = node.get("dpi");
        if (dpi != null && !dpi.isNull()) {
            if (!dpi.isIntegralNumber() || !dpi.canConvertToInt()) {
                throw new ManifestException("field \"dpi\" must be a whole number (e.g. 500), found " + kind(dpi));
            }
            builder.dpi(dpi.intValue());
        }
        images(node, "fingers", FingerPosition::parse, builder::finger);
        images(node, "irises", EyePosition::parse, builder::iris);
        if (transaction != null) {
            return TransactionMerge.merge(builder.build(), transaction, baseDir, ansiNist,
                    node.hasNonNull("dpi"), requireNik);
        }
        return builder.build();
    }

    private <P> void images(JsonNode record, String field, Function<String, P> parsePosition,
                            BiConsumer<P, ImageSource> add) throws ManifestException {
        JsonNode map = record.get(field);
        if (map == null || map.isNull()) {
            return;
        }
        if (!map.isObject()) {
            throw new ManifestException("field \"" + field + "\" must be an object {\"POSITION\": \"path\", ...}, found "
                    + kind(map));
        }
        Map<P, String> seen = new java.util.HashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            P position = parseOrFail(parsePosition, entry.getKey());
            String where = field + "." + entry.getKey();
            if (seen.put(position, entry.getKey()) != null) {
                throw new ManifestException(field + ": position " + position + " is given twice");
            }
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                throw new ManifestException("\"" + where + "\" must be an image path (a string), found " + kind(value));
            }
            if (value.asText().isBlank()) {
                throw new ManifestException("\"" + where + "\" is an empty image path");
            }
            try {
                add.accept(position, ImageSource.of(baseDir.resolve(value.asText()).normalize()));
            } catch (InvalidPathException e) {
                throw new ManifestException("\"" + where + "\" is not a usable path: " + e.getReason());
            }
        }
    }

    private static <T> T parseOrFail(Function<String, T> parser, String text) throws ManifestException {
        try {
            return parser.apply(text);
        } catch (InvalidInputException e) {
            throw new ManifestException(e.getMessage());
        }
    }

    /** The string value of {@code field}, null when absent or JSON null. */
    private static String text(JsonNode record, String field) throws ManifestException {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ManifestException("field \"" + field + "\" must be a string, found " + kind(value)
                    + (field.equals("nik") && value.isNumber() ? " (quote the 16 digits)" : ""));
        }
        return value.asText();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "number " + node.asText();
            case STRING -> "string \"" + node.asText() + "\"";
            case BOOLEAN -> "boolean " + node.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
