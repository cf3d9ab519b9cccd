package id.satunik.index;

import id.satunik.DemographicQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A {@link DemographicQuery} as a Lucene query over the {@link DemographicIndex}. Each word of the name, folded
 * by {@link NameAnalyzer}, is one optional clause — so word order does not matter and a one-word name finds the
 * persons carrying that word — scored by BM25 (a rare name weighs more than Siti or Muhammad) as an exact term, or
 * lower as a fuzzy term one or two edits away (Ahmad, Akhmad), whichever is best; a one-letter word is an initial
 * and matches the words it begins. At least one word must match. Birth date and region add fixed amounts: the same
 * day most, day and month swapped (a common typing error) less, the same year least. Sex filters.
 *
 * <p>Stateless; thread-safe.
 */
final class DemographicQueries {
    /** An exact folded word outweighs a fuzzy one: a spelling the rules fold is surer than an edit distance. */
    static final float EXACT_WORD = 2f;
    static final float INITIAL = 0.5f;
    static final float SAME_BIRTH_DATE = 3f;
    static final float SWAPPED_BIRTH_DATE = 1.5f;
    static final float SAME_BIRTH_YEAR = 0.5f;
    static final float SAME_REGION = 1f;
    /** Fuzzy terms tried per word: bounds the cost on a national gallery's term dictionary. */
    static final int FUZZY_EXPANSIONS = 50;

    private static final Analyzer NAMES = new NameAnalyzer();
    private static final Analyzer REGIONS = new RegionAnalyzer();

    private DemographicQueries() {
    }

    /** @return the Lucene query, or null when nothing in the query can match (a name of honorifics only) */
    static Query of(DemographicQuery query) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (query.name() != null) {
            Query name = name(query.name());
            if (name == null) {
                return null;
            }
            all.add(name, Occur.MUST);
        }
        if (query.birthDate() != null) {
            all.add(birth(query.birthDate(), query.name() != null), query.name() != null ? Occur.SHOULD : Occur.MUST);
        }
        if (query.region() != null) {
            BooleanQuery.Builder region = new BooleanQuery.Builder();
            for (String word : words(REGIONS, DemographicIndex.REGION, query.region())) {
                region.add(new TermQuery(new Term(DemographicIndex.REGION, word)), Occur.SHOULD);
            }
            all.add(fixed(region.build(), SAME_REGION), Occur.SHOULD);
        }
        if (query.sex() != null) {
            all.add(new TermQuery(new Term(DemographicIndex.SEX, query.sex().code())), Occur.FILTER);
        }
        return all.build();
    }

    private static Query name(String text) {
        BooleanQuery.Builder name = new BooleanQuery.Builder();
        int clauses = 0;
        for (String word : words(NAMES, DemographicIndex.NAME, text)) {
            Term term = new Term(DemographicIndex.NAME, word);
            if (word.length() == 1) {
                name.add(fixed(new PrefixQuery(term), INITIAL), Occur.SHOULD);
            } else {
                List<Query> ways = new ArrayList<>();
                ways.add(new BoostQuery(new TermQuery(term), EXACT_WORD));
                int edits = word.length() >= 8 ? 2 : word.length() >= 4 ? 1 : 0;
                if (edits > 0) {
                    ways.add(new FuzzyQuery(term, edits, 0, FUZZY_EXPANSIONS, true));
                }
                name.add(new DisjunctionMaxQuery(ways, 0f), Occur.SHOULD);
            }
            clauses++;
        }
        return clauses == 0 ? null : name.setMinimumNumberShouldMatch(1).build();
    }

    private static Query birth(LocalDate date, boolean withYear) {
        BooleanQuery.Builder birth = new BooleanQuery.Builder();
        birth.add(fixed(new TermQuery(new Term(DemographicIndex.BIRTH, date.toString())), SAME_BIRTH_DATE),
                Occur.SHOULD);
        if (date.getDayOfMonth() <= 12 && date.getDayOfMonth() != date.getMonthValue()) {
            // day and month typed the wrong way round (always a date: the new day is the old month, 1-12)
            LocalDate swapped = LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
            birth.add(fixed(new TermQuery(new Term(DemographicIndex.BIRTH, swapped.toString())),
                    SWAPPED_BIRTH_DATE), Occur.SHOULD);
        }
        if (withYear) {
            birth.add(fixed(new TermQuery(new Term(DemographicIndex.BIRTH_YEAR, Integer.toString(date.getYear()))),
                    SAME_BIRTH_YEAR), Occur.SHOULD);
        }
        return birth.build();
    }

    private static Query fixed(Query query, float score) {
        return new BoostQuery(new ConstantScoreQuery(query), score);
    }

    /** The terms the analyzer makes of {@code text}, each once, in order. */
    static List<String> words(Analyzer analyzer, String field, String text) {
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String reader does not fail
        }
        return List.copyOf(words);
    }
}
