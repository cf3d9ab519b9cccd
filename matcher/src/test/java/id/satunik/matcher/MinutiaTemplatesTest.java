package id.satunik.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.satunik.FingerPosition;
import id.satunik.ImageSource;
import id.satunik.InvalidInputException;
import id.satunik.testing.SharedData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ISO/IEC 19794-2 and ANSI INCITS 378 templates in place of finger images, and written from them. */
class MinutiaTemplatesTest {
    private final FingerprintExtractor extractor = new FingerprintExtractor();

    /**
     * A print exported to each standard and read back scores against another impression like the image itself: the
     * standards keep position and angle of every minutia (quantised), which is what SourceAFIS matches on.
     */
    @Test
    void roundTripScoresLikeTheImage() {
        FingerTemplate image = finger("fvc2002-db1b", 101, 1);
        PersonFingerprints mate = new PersonFingerprints(List.of(finger("fvc2002-db1b", 101, 2)));
        PersonFingerprints other = new PersonFingerprints(List.of(finger("fvc2002-db1b", 102, 1)));
        double fromImage = new PersonProbe(List.of(image)).score(mate, new double[10]);
        assertTrue(fromImage >= MatchRule.DEFAULT_THRESHOLD, "image vs mate: " + fromImage);
        for (MinutiaTemplates.Format format : MinutiaTemplates.Format.values()) {
            byte[] standard = MinutiaTemplates.write(image, format);
            assertTrue(MinutiaTemplates.isTemplate(standard), format + " starts with FMR\\0");
            FingerTemplate back = extractor.extract(FingerPosition.RIGHT_INDEX, ImageSource.of("a." + format, standard), 500);
            assertEquals(image.minutiae(), back.minutiae(), format + ": every minutia travels");
            PersonProbe probe = new PersonProbe(List.of(back));
            double genuine = probe.score(mate, new double[10]);
            double impostor = probe.score(other, new double[10]);
            assertTrue(Math.abs(genuine - fromImage) <= 0.25 * fromImage,
                    format + ": template vs mate " + genuine + ", image vs mate " + fromImage);
            assertTrue(genuine >= MatchRule.DEFAULT_THRESHOLD && impostor < MatchRule.DEFAULT_THRESHOLD,
                    format + ": genuine " + genuine + ", impostor " + impostor);
        }
    }

    @Test
    void malformedTemplateIsRefusedNamingTheFinger() {
        byte[] standard = MinutiaTemplates.write(finger("fvc2002-db1b", 103, 1), MinutiaTemplates.Format.ISO_19794_2_2005);
        ImageSource cut = ImageSource.of("cut.iso", Arrays.copyOf(standard, 40));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> extractor.extract(FingerPosition.LEFT_RING, cut, 500));
        assertTrue(e.getMessage().contains("LEFT_RING image cut.iso") && e.getMessage().contains("minutia template"),
                e.getMessage());
        assertEquals(MinutiaTemplates.Format.ANSI_378_2004, MinutiaTemplates.Format.parse("ansi-378-2004"));
        assertThrows(IllegalArgumentException.class, () -> MinutiaTemplates.Format.parse("iso-2099"));
    }

    private FingerTemplate finger(String db, int finger, int impression) {
        return extractor.extract(FingerPosition.RIGHT_INDEX, ImageSource.of(SharedData.fvc(db, finger, impression)), 500);
    }
}
