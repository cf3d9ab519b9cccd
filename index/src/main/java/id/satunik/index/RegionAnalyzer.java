package id.satunik.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How a region label (free text: "Kab. Malang", "Kota Malang, Jawa Timur") becomes index terms: words, folded
 * and lower-cased, without the administrative words every label shares (kabupaten, kota, provinsi, …), which
 * would make every region resemble every other.
 *
 * <p>Thread-safe, as every Lucene {@link Analyzer}.
 */
final class RegionAnalyzer extends Analyzer {
    private static final CharArraySet ADMINISTRATIVE = CharArraySet.unmodifiableSet(new CharArraySet(
            java.util.List.of("kab", "kabupaten", "kota", "kec", "kecamatan", "kel", "kelurahan", "desa", "prov",
                    "provinsi", "adm", "administrasi"), false));

    @Override
    protected TokenStreamComponents createComponents(String field) {
        Tokenizer words = new StandardTokenizer();
        TokenStream out = new ASCIIFoldingFilter(words);
        out = new LowerCaseFilter(out);
        out = new StopFilter(out, ADMINISTRATIVE);
        return new TokenStreamComponents(words, out);
    }
}
