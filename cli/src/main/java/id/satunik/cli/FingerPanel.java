package id.satunik.cli;

import id.satunik.matcher.FingerMinutiae;
import id.satunik.matcher.FingerPairing;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One finger of a case drawn as SVG: the submitted print on the left, the enrolled one on the right (its image, or a
 * blank canvas when only its template is known), every minutia marked, the paired ones in colour and joined by a
 * line across the two prints. Coordinates are SourceAFIS's (pixels at 500 dpi): each image is stretched to its
 * template's size, so the marks sit on the ridges whatever the scanner's dpi. Stateless.
 */
final class FingerPanel {
    /** Space between the two prints, in template pixels. */
    private static final int GAP = 40;

    private FingerPanel() {
    }

    /**
     * @param probeImage     the submitted image, or null when it could not be read (a blank canvas then)
     * @param candidateImage the enrolled image, or null when none is known (a blank canvas then)
     */
    static String svg(FingerPairing pairing, BufferedImage probeImage, BufferedImage candidateImage) {
        int pw = pairing.probeSize().width();
        int ph = pairing.probeSize().height();
        int cw = pairing.candidateSize().width();
        int ch = pairing.candidateSize().height();
        int offset = pw + GAP;
        int width = offset + cw;
        int height = Math.max(ph, ch);
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append(String.format(Locale.ROOT, "<svg class=\"finger\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">", width, height, width, height));
        print(svg, 0, pw, ph, probeImage, "submitted");
        print(svg, offset, cw, ch, candidateImage, "enrolled");
        Set<Integer> pairedProbe = new HashSet<>();
        Set<Integer> pairedCandidate = new HashSet<>();
        for (FingerPairing.Pair pair : pairing.pairs()) {
            pairedProbe.add(pair.probe());
            pairedCandidate.add(pair.candidate());
        }
        minutiae(svg, pairing.probe(), 0, pairedProbe);
        minutiae(svg, pairing.candidate(), offset, pairedCandidate);
        for (int i = 0; i < pairing.pairs().size(); i++) {
            FingerPairing.Pair pair = pairing.pairs().get(i);
            svg.append(String.format(Locale.ROOT, "<line class=\"pair\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                            + "stroke=\"%s\" stroke-width=\"1.5\" stroke-opacity=\"0.8\"/>",
                    pairing.probe().x(pair.probe()), pairing.probe().y(pair.probe()),
                    offset + pairing.candidate().x(pair.candidate()), pairing.candidate().y(pair.candidate()),
                    colour(i)));
        }
        label(svg, 4, "submitted");
        label(svg, offset + 4, candidateImage == null ? "enrolled: stored template, no image" : "enrolled");
        return svg.append("</svg>").toString();
    }

    private static void label(StringBuilder svg, int x, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"14\" font-family=\"sans-serif\" "
                + "font-weight=\"bold\" fill=\"#1a5276\">%s</text>", x, Html.escape(text)));
    }

    private static void print(StringBuilder svg, int x, int w, int h, BufferedImage image, String label) {
        if (image != null) {
            svg.append(String.format(Locale.ROOT, "<image class=\"%s\" x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\" "
                    + "preserveAspectRatio=\"none\" href=\"%s\"/>", label, x, w, h, Html.pngDataUri(image)));
        } else {
            svg.append(String.format(Locale.ROOT, "<rect class=\"%s blank\" x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\" "
                    + "fill=\"#ffffff\" stroke=\"#999999\" stroke-dasharray=\"6 4\"/>", label, x, w, h));
        }
    }

    /** A circle and a direction tick per minutia; a bifurcation as a square. Paired: coloured; unpaired: grey. */
    private static void minutiae(StringBuilder svg, FingerMinutiae minutiae, int dx, Set<Integer> paired) {
        for (int i = 0; i < minutiae.count(); i++) {
            int x = dx + minutiae.x(i);
            int y = minutiae.y(i);
            String stroke = paired.contains(i) ? "#00b050" : "#ff7f00";
            double d = minutiae.direction(i);
            svg.append(String.format(Locale.ROOT, "<g class=\"minutia%s\" stroke=\"%s\" stroke-width=\"1.5\" fill=\"none\">",
                    paired.contains(i) ? " paired" : "", stroke));
            if (minutiae.bifurcation(i)) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"8\"/>", x - 4, y - 4));
            } else {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\"/>", x, y));
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/></g>",
                    x, y, x + 10 * Math.cos(d), y + 10 * Math.sin(d)));
        }
    }

    /** Distinct hues along the pairs, so that crossing lines stay tellable apart. */
    private static String colour(int i) {
        float hue = (i * 0.618034f) % 1f;
        return String.format(Locale.ROOT, "#%06x", java.awt.Color.HSBtoRGB(hue, 0.9f, 0.9f) & 0xFFFFFF);
    }
}
