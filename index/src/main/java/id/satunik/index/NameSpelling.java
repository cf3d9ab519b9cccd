package id.satunik.index;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;

/**
 * Indonesian name spelling rules, applied to each lower-cased, ASCII-folded name word as a chain of Lucene
 * {@link PatternReplaceFilter}s, so that the spellings one person's name is found under in civil registers fold
 * to one key. In order:
 * <ul>
 *   <li>apostrophes go (Ma'ruf, Ma’ruf, Maruf);</li>
 *   <li>the pre-1972 (Van Ophuijsen / Soewandi) spelling: oe → u (Soekarno, Noer), dj → j (Djoko), tj → c
 *       (Tjahjo), then j → y, which folds the old j (Tjahjo, Djaja) and the new y (Cahyo, Jaya) alike — as a
 *       key, not a spelling: Joko and Yoko share it;</li>
 *   <li>Arabic transliteration: ch → kh (Chairul, Khairul), dh → d, th → t (Ramadhan, Ramadan);</li>
 *   <li>doubled letters are one (Muhammad, Muhamad; Hasan, Hassan);</li>
 *   <li>a final y is i (Sity, Siti; Hendry, Hendri);</li>
 *   <li>the Muhammad family (Muhammad, Mohammad, Muhamat, Mochamad, Mohammed) and its abbreviations (M., Muh.,
 *       Moh., Mhd., Md.) are one word.</li>
 * </ul>
 * What differs beyond these (Ahmad, Akhmad) is left to the fuzzy term match of the search.
 *
 * <p>Stateless; thread-safe.
 */
final class NameSpelling {
    /** The key every spelling of Muhammad folds to. */
    static final String MUHAMMAD = "muhamad";

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            rule("['’`]", ""),
            rule("oe", "u"),
            rule("dj", "j"),
            rule("tj", "c"),
            rule("j", "y"),
            rule("ch", "kh"),
            rule("([dt])h", "$1"),
            rule("(.)\\1+", "$1"),
            rule("y$", "i"),
            rule("^m[ou]k?h?am[ae][dt]$", MUHAMMAD),
            rule("^(m|md|mh|mhd|muh|muhd|moh|mohd)$", MUHAMMAD));

    private NameSpelling() {
    }

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex), replacement);
    }

    /** The stream with every rule applied to each of its words. */
    static TokenStream fold(TokenStream words) {
        TokenStream out = words;
        for (Rule rule : RULES) {
            out = new PatternReplaceFilter(out, rule.pattern(), rule.replacement(), true);
        }
        return out;
    }
}
