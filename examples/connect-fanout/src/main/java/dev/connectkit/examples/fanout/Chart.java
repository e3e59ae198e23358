package dev.connectkit.examples.fanout;

import java.util.List;
import java.util.Locale;

/** A horizontal bar chart as SVG, drawn from measured values: the docs show it as the build measured it. */
public final class Chart {
    private Chart() {
    }

    /** One bar: its label, its length, and the text printed after it. */
    public record Bar(String label, double value, String text) {
    }

    /** A chart of {@code bars}, longest bar the full width. */
    public static String svg(String title, List<Bar> bars) {
        int width = 760;
        int left = 230;
        int barHeight = 26;
        int top = 40;
        int height = top + bars.size() * (barHeight + 10) + 20;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                escape(title)));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + i * (barHeight + 10);
            double w = Math.max(1, (width - left - 140) * b.value() / max);
            svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + 18, escape(b.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#3b6ea5\"/>%n",
                    left, y, w, barHeight));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", left + w + 6, y + 18,
                    escape(b.text())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Several charts stacked in one SVG document, top to bottom. */
    public static String stack(List<String> charts) {
        StringBuilder body = new StringBuilder();
        int y = 0;
        for (String chart : charts) {
            int h = Integer.parseInt(chart.replaceAll("(?s).*?height=\"(\\d+)\".*", "$1"));
            body.append(chart.replaceFirst("<svg ", "<svg y=\"" + y + "\" "));
            y += h;
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"" + y + "\">\n" + body + "</svg>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
