package id.satunik;

import java.time.LocalDate;

/**
 * A search of the enrolled persons by their demographics ({@link DedupEngine#searchDemographics}): a name matched
 * with Indonesian spelling variants (Siti/Sity, Muhammad/Mohamad/M., Soekarno/Sukarno, Djoko/Joko, any word
 * order, one-word names), ranked higher when the birth date and region agree too. Sex, when given, filters: the
 * NIK encodes it, so an enrolled person's recorded sex is certain.
 *
 * <p>Immutable value type; thread-safe.
 *
 * @param name      the name to look for, may be null when a birth date is given
 * @param birthDate ranks persons born that day first (and those with day and month swapped, or born that year,
 *                  after them), may be null
 * @param sex       only persons of that sex, may be null
 * @param region    ranks persons of a region sharing a word with it higher, may be null
 * @param limit     at most this many hits, 1-{@value #MAX_LIMIT}
 */
public record DemographicQuery(String name, LocalDate birthDate, Sex sex, String region, int limit) {
    /** Hits returned when the caller does not say. */
    public static final int DEFAULT_LIMIT = 10;
    /** Most hits one search returns: a list for a person to read, not an export. */
    public static final int MAX_LIMIT = 1000;

    /**
     * @throws InvalidInputException when neither name nor birth date is given, a text is too long or malformed,
     *                               or the limit is out of range
     */
    public DemographicQuery {
        String subject = "demographic search";
        name = name == null || name.isBlank() ? null : name.strip();
        region = region == null || region.isBlank() ? null : region.strip();
        InputLimits.checkText(subject, "name", name);
        InputLimits.checkText(subject, "region", region);
        if (name == null && birthDate == null) {
            throw new InvalidInputException(subject, "give a name or a birth date");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException(subject, "limit " + limit + " is outside 1-" + MAX_LIMIT);
        }
    }

    /** The best {@value #DEFAULT_LIMIT} persons for a name. */
    public static DemographicQuery byName(String name) {
        return new DemographicQuery(name, null, null, null, DEFAULT_LIMIT);
    }

    /** The persons an enrollment record resembles by name, birth date and region (look-alikes in a report). */
    public static DemographicQuery like(EnrollmentRecord record, int limit) {
        return new DemographicQuery(record.name(), record.birthDate(), null, record.region(), limit);
    }

    public DemographicQuery withBirthDate(LocalDate value) {
        return new DemographicQuery(name, value, sex, region, limit);
    }

    public DemographicQuery withSex(Sex value) {
        return new DemographicQuery(name, birthDate, value, region, limit);
    }

    public DemographicQuery withRegion(String value) {
        return new DemographicQuery(name, birthDate, sex, value, limit);
    }

    public DemographicQuery withLimit(int value) {
        return new DemographicQuery(name, birthDate, sex, region, value);
    }
}
