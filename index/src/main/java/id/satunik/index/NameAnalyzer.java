package id.satunik.index;

import java.io.Reader;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How a person's name becomes index terms, the same for enrolled names and searched ones: Unicode word breaks
 * (spaces, dots, hyphens: "M.Yusuf", "Nur-Aini"), accents folded (Aminé → amine), lower case, the
 * {@link NameSpelling} rules, and honorifics that are no part of a name on the e-KTP dropped (H., Hj., Ir., Dr.).
 *
 * <p>Thread-safe, as every Lucene {@link Analyzer} (per-thread token streams).
 */
final class NameAnalyzer extends Analyzer {
    private static final CharArraySet HONORIFICS = CharArraySet.unmodifiableSet(new CharArraySet(
            java.util.List.of("hj", "haji", "hajah", "hajjah", "ir", "dr", "drs", "dra", "prof"), false));

    /** Unicode keeps "M.Yusuf" one word (a dot between letters); in a name a dot always ends an abbreviation. */
    private static final Pattern DOTS = Pattern.compile("[._]");

    @Override
    protected Reader initReader(String field, Reader reader) {
        return new PatternReplaceCharFilter(DOTS, " ", reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String field) {
        Tokenizer words = new StandardTokenizer();
        TokenStream out = new ASCIIFoldingFilter(words);
        out = new LowerCaseFilter(out);
        out = new StopFilter(out, HONORIFICS);
        out = NameSpelling.fold(out);
        return new TokenStreamComponents(words, out);
    }
}
