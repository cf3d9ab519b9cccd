package id.satunik.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Text escaping and embedded images for the adjudication pages (self-contained: no file next to a page). Stateless. */
final class Html {
    /** Longest side of an embedded image: a page stays a few hundred KB whatever the scanner's resolution. */
    static final int MAX_SIDE = 1000;

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A score to one decimal, as in the report; "-" for none. */
    static String score(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** The image as a PNG data: URI, scaled down to {@link #MAX_SIDE} when larger. */
    static String pngDataUri(BufferedImage image) {
        BufferedImage shown = image;
        int side = Math.max(image.getWidth(), image.getHeight());
        if (side > MAX_SIDE) {
            double f = MAX_SIDE / (double) side;
            int w = Math.max(1, (int) Math.round(image.getWidth() * f));
            int h = Math.max(1, (int) Math.round(image.getHeight() * f));
            shown = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = shown.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(shown, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
