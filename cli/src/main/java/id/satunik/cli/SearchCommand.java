package id.satunik.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.satunik.DedupEngine;
import id.satunik.DemographicHit;
import id.satunik.DemographicQuery;
import id.satunik.InvalidInputException;
import id.satunik.Sex;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code satunik search}: enrolled persons by name (with Indonesian spelling variants), birth date, sex and region,
 * one JSON line per hit, most alike first. Changes nothing. One instance per invocation; not shared between threads.
 */
@Command(name = "search", sortOptions = false,
        description = {"Finds enrolled persons by their demographics in the store's demographic index; changes nothing.",
                "Names match across spelling variants (Siti/Sity, Muhammad/Mohamad/M., Soekarno/Sukarno, Djoko/Joko,"
                        + " Tjahjo/Cahyo), in any word order; a birth date and region rank agreeing persons higher; "
                        + "--sex filters.",
                "Prints one JSON line per hit: rank, nik, name, birthDate, sex, region, score (Lucene relevance, "
                        + "comparable within one search only)."})
final class SearchCommand implements Callable<Integer> {
    @Option(names = "--name", paramLabel = "NAME", description = "The name to look for (any spelling, any word order).")
    String name;

    @Option(names = "--birth-date", paramLabel = "YYYY-MM-DD",
            description = "Ranks persons born that day first, then day and month swapped, then that year.")
    String birthDate;

    @Option(names = "--sex", paramLabel = "M|F", description = "Only persons of this sex (M/F, or L/P).")
    String sex;

    @Option(names = "--region", paramLabel = "TEXT", description = "Ranks persons of a region sharing a word with it higher.")
    String region;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "Hits to print at most (1-1000). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        DemographicQuery query = query();
        store.requireExisting();
        List<DemographicHit> hits;
        try (DedupEngine engine = store.open()) {
            hits = engine.searchDemographics(query);
        } catch (UnsupportedOperationException e) {
            throw new CliFailure("search: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        int rank = 1;
        for (DemographicHit hit : hits) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("rank", rank++);
            line.setAll(Json.lookAlike(hit));
            out.println(Json.MAPPER.writeValueAsString(line));
        }
        out.flush();
        return 0;
    }

    private DemographicQuery query() {
        try {
            LocalDate birth = birthDate == null ? null : LocalDate.parse(birthDate.strip());
            return new DemographicQuery(name, birth, sex == null ? null : Sex.parse(sex), region, limit);
        } catch (DateTimeParseException e) {
            throw new CliFailure("--birth-date '" + birthDate + "' is not a date (YYYY-MM-DD)", e);
        } catch (InvalidInputException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }
}
