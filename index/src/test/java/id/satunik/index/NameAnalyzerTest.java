package id.satunik.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Indonesian spelling rules: each pair is one name as two registers spell it, folded to the same terms. */
class NameAnalyzerTest {
    private static List<String> terms(String name) {
        return DemographicQueries.words(new NameAnalyzer(), DemographicIndex.NAME, name);
    }

    @ParameterizedTest
    @CsvSource({
            "Siti Aminah, Sity Aminah",
            "Muhammad Yusuf, Muhamad Yusuf",
            "Muhammad Yusuf, Mohammad Yusuf",
            "Muhammad Yusuf, Mohamad Yusuf",
            "Muhammad Yusuf, Muhamat Yusuf",
            "Muhammad Yusuf, Mochammad Yusuf",
            "Muhammad Yusuf, M. Yusuf",
            "Muhammad Yusuf, Muh. Yusuf",
            "Nur Aini, Noer Aini",
            "Sukarno, Soekarno",
            "Joko Susilo, Djoko Soesilo",
            "Cahyo Nugroho, Tjahjo Noegroho",
            "Khairul Anwar, Chairul Anwar",
            "Ramadan, Ramadhan",
            "Hasan, Hassan",
            "Ma'ruf Amin, Maruf Amin",
            "Yahya, Jahja",
            "Syahrir, Sjahrir",
            "Hj. Siti Aminah, Siti Aminah",
            "Amélia, Amelia",
    })
    void variantsFoldToOneKey(String one, String other) {
        assertEquals(terms(one), terms(other), one + " / " + other);
    }

    @Test
    void differentNamesStayDifferent() {
        assertNotEquals(terms("Sukarno"), terms("Suharto"));
        assertNotEquals(terms("Siti Aminah"), terms("Siti Rahayu"));
        assertNotEquals(terms("Mahmud"), terms("Muhammad"));
    }

    @Test
    void wordsAreSplitOnDotsAndHyphens() {
        assertEquals(List.of(NameSpelling.MUHAMMAD, "yusuf"), terms("M.Yusuf"));
        assertEquals(List.of("nur", "aini"), terms("Nur-Aini"));
    }
}
