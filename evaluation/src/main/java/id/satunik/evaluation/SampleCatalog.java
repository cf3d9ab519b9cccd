package id.satunik.evaluation;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.satunik.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the images of one dataset and who they belong to: from file names ({@code 101_3.tif} = finger 101,
 * impression 3, and the CASIA iris conventions, see {@link FileNaming}) or from a CSV mapping
 * ({@code file,subject[,impression]}).
 *
 * <p>Stateless; thread-safe.
 */
final class SampleCatalog {
    /** Files with other extensions (MANIFEST.md, checksums, …) are not images and are skipped. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("tif", "tiff", "png", "bmp", "jpg", "jpeg", "gif", "wsq", "jp2");

    private SampleCatalog() {
    }

    /**
     * One input: a label (unique within the run), where it came from, how identities were read, and its samples
     * sorted by subject then impression.
     */
    record Dataset(String label, String source, String naming, int dpi, List<Sample> samples) {
        Dataset {
            samples = List.copyOf(samples);
        }

        long subjects() {
            return samples.stream().map(Sample::identity).distinct().count();
        }

        /** This dataset with its subject ids read as ids shared by every dataset of {@code group}. */
        Dataset inGroup(String group) {
            return new Dataset(label, source, naming, dpi, samples.stream().map(s -> s.inGroup(group)).toList());
        }
    }

    /**
     * Reads a folder whose file names say whose each image is ({@link FileNaming}: FVC {@code FFF_I.ext},
     * CASIA-Iris-Interval {@code S1SSSENN.ext}, CASIA-IrisV1 {@code EEE_S_I.ext}); the first image picks the
     * convention. Sub-folders and non-image files are ignored.
     *
     * @throws InvalidInputException when the folder is missing, holds no image, or an image is not named like the first
     */
    static Dataset folder(Path folder, String label, int dpi) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("input " + folder, "not a folder");
        }
        List<Path> images;
        try (Stream<Path> files = Files.list(folder)) {
            images = files.filter(Files::isRegularFile).filter(SampleCatalog::isImage).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("input " + folder, "cannot list the folder: " + e.getMessage(), e);
        }
        if (images.isEmpty()) {
            throw new InvalidInputException("input " + folder, "holds no image file ("
                    + String.join(", ", IMAGE_EXTENSIONS.stream().sorted().toList()) + ")");
        }
        FileNaming naming = FileNaming.of(images.getFirst().getFileName().toString()).orElse(FileNaming.FVC);
        List<Sample> samples = new ArrayList<>();
        for (Path image : images) {
            String name = image.getFileName().toString();
            FileNaming.Named named = naming.parse(name).orElseThrow(() -> new InvalidInputException("input " + folder,
                    "image " + name + (naming == FileNaming.FVC
                            ? " is not named the FVC way FFF_I.ext (subject _ impression, e.g. 101_3.tif), nor as"
                                    + " CASIA-Iris-Interval (S1001L03.jpg) or CASIA-IrisV1 (001_2_3.jpg)"
                            : " is not named like the folder's first image (" + naming.description() + ")")
                            + "; describe such a folder with --mapping file.csv"));
            int impression = parseImpression(named.impression(), "image " + image);
            samples.add(new Sample(label, new Sample.Identity(label, named.subject()), impression, image, dpi));
        }
        return new Dataset(label, folder.toString(), naming.description(), dpi, sorted(samples));
    }

    /**
     * Reads a CSV mapping {@code file,subject[,impression]}: file relative to the CSV's folder (or absolute), an
     * optional header row starting with {@code file}, blank lines and lines starting with {@code #} ignored. Without an impression
     * column the impressions of a subject are numbered in file order.
     *
     * @throws InvalidInputException naming the line for every malformed row, missing file or duplicate
     */
    static Dataset mapping(Path csv, String label, int dpi) {
        if (!Files.isRegularFile(csv)) {
            throw new InvalidInputException("mapping " + csv, "file not found");
        }
        Path base = csv.toAbsolutePath().getParent();
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("mapping " + csv, "unreadable: " + e.getMessage(), e);
        }
        // One row per line (file names hold no line breaks), so every error can name its line.
        ObjectReader reader = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.TRIM_SPACES).readerFor(String[].class).with(CsvSchema.emptySchema());
        List<Sample> samples = new ArrayList<>();
        Map<String, Integer> nextImpression = new HashMap<>();
        Set<String> seenFiles = new HashSet<>();
        Set<String> seenImpressions = new HashSet<>();
        Boolean withImpression = null;
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            String where = "mapping " + csv + " line " + (i + 1);
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] row;
            try (MappingIterator<String[]> parsed = reader.readValues(text)) {
                row = parsed.nextValue();
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException(where, "not a CSV row: " + e.getMessage());
            }
            if (first && row.length > 0 && row[0].equalsIgnoreCase("file")) {
                first = false;
                continue;
            }
            first = false;
            if (row.length < 2 || row.length > 3) {
                throw new InvalidInputException(where, "expected file,subject[,impression] but found "
                        + row.length + " column" + (row.length == 1 ? "" : "s"));
            }
            String file = row[0];
            String subject = row[1];
            if (file.isEmpty() || subject.isEmpty()) {
                throw new InvalidInputException(where, file.isEmpty() ? "file is empty" : "subject is empty");
            }
            boolean hasImpression = row.length == 3;
            if (withImpression == null) {
                withImpression = hasImpression;
            } else if (withImpression != hasImpression) {
                throw new InvalidInputException(where, "give the impression column on every line or on none");
            }
            int impression = hasImpression
                    ? parseImpression(row[2], where)
                    : nextImpression.merge(subject, 1, Integer::sum);
            if (!seenImpressions.add(subject + "\u0000" + impression)) {
                throw new InvalidInputException(where, "subject " + subject + " impression " + impression
                        + " is listed twice");
            }
            Path image = base.resolve(file).normalize();
            if (!seenFiles.add(image.toString())) {
                throw new InvalidInputException(where, "file " + file + " is listed twice");
            }
            if (!Files.isRegularFile(image)) {
                throw new InvalidInputException(where, "image file not found: " + image);
            }
            samples.add(new Sample(label, new Sample.Identity(label, subject), impression, image, dpi));
        }
        if (samples.isEmpty()) {
            throw new InvalidInputException("mapping " + csv, "lists no image");
        }
        return new Dataset(label, csv.toString(), "CSV mapping file,subject[,impression]", dpi, sorted(samples));
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static int parseImpression(String text, String where) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(where, "impression '" + text + "' is not a positive whole number");
    }

    /** Subjects in natural order (numbers by value, then text), impressions ascending: the run's fixed order. */
    static final Comparator<String> NATURAL = (a, b) -> {
        boolean an = !a.isEmpty() && a.chars().allMatch(Character::isDigit) && a.length() < 18;
        boolean bn = !b.isEmpty() && b.chars().allMatch(Character::isDigit) && b.length() < 18;
        if (an && bn) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    };

    private static List<Sample> sorted(List<Sample> samples) {
        List<Sample> copy = new ArrayList<>(samples);
        copy.sort(Comparator.comparing((Sample s) -> s.identity().subject(), NATURAL)
                .thenComparingInt(Sample::impression));
        // Two FVC files may still collide after stripping zeros (01_1.tif and 1_1.tif): refuse rather than guess.
        for (int i = 1; i < copy.size(); i++) {
            Sample a = copy.get(i - 1);
            Sample b = copy.get(i);
            if (a.identity().equals(b.identity()) && a.impression() == b.impression()) {
                throw new InvalidInputException("input " + b.dataset(), "images " + a.file().getFileName()
                        + " and " + b.file().getFileName() + " are both subject " + b.identity().subject()
                        + " impression " + b.impression());
            }
        }
        return copy;
    }
}
