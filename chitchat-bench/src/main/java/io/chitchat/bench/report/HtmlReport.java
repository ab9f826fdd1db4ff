package io.chitchat.bench.report;

import io.chitchat.bench.metrics.Sample;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders a {@link RunReport} as one self-contained HTML page: the result table, the latency percentile curve and
 * throughput, latency and CPU over time, as inline SVG (no scripts, styles or fonts from elsewhere).
 */
final class HtmlReport {
    private static final int W = 760;
    private static final int H = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;

    private HtmlReport() {}

    static String render(RunReport r) {
        StringBuilder h = new StringBuilder(32_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>ChitChat bench: ")
                .append(esc(r.scenario())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px;")
                .append("text-align:left;font-size:90%}th{background:#f4f4f4}svg{display:block;margin:1em 0}")
                .append("code{font-size:90%}</style></head><body>\n");
        h.append("<h1>ChitChat bench: ").append(esc(r.scenario())).append("</h1>\n");
        h.append("<p><code>").append(esc(r.resultLine())).append("</code></p>\n");
        for (String note : r.notes()) {
            h.append("<p><b>Note:</b> ").append(esc(note)).append("</p>\n");
        }
        h.append("<h2>Result</h2>\n<table>");
        r.values().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>")
                .append(esc(RunReport.format(v))).append("</td></tr>"));
        h.append("</table>\n");

        List<double[]> curve = r.percentileCurve();
        if (!curve.isEmpty()) {
            h.append("<h2>Delivery latency by percentile (measurement window)</h2>\n");
            h.append(percentileChart(curve));
        }
        List<Sample> t = r.timeline();
        if (!t.isEmpty()) {
            h.append("<h2>Throughput over time</h2>\n");
            h.append(timeChart(t, r, "deliveries/s", List.of(new Series("deliveries/s", "#1f77b4",
                    Sample::deliveriesPerSec), new Series("frames/s", "#aaaaaa", Sample::framesPerSec))));
            h.append("<h2>Latency over time (per second)</h2>\n");
            h.append(timeChart(t, r, "ms", List.of(new Series("p50", "#2ca02c", Sample::p50Ms),
                    new Series("p99", "#d62728", Sample::p99Ms), new Series("max", "#ff9896", Sample::maxMs))));
            h.append("<h2>CPU over time</h2>\n");
            h.append(timeChart(t, r, "% of its cores", List.of(new Series("server", "#9467bd", Sample::serverCpuPct),
                    new Series("client", "#8c564b", Sample::clientCpuPct))));
        }
        h.append("<h2>Setup</h2>\n<table><tr><th>server</th><td>").append(esc(r.serverDescription()))
                .append("</td></tr>");
        for (Map.Entry<String, Object> e : Machine.describe().entrySet()) {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(String.valueOf(e.getValue())))
                    .append("</td></tr>");
        }
        r.options().forEach((k, v) -> h.append("<tr><th>--").append(esc(k)).append("</th><td>").append(esc(v))
                .append("</td></tr>"));
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    record Series(String name, String color, ToDoubleFunction<Sample> value) {}

    static String percentileChart(List<double[]> curve) {
        double maxX = 5;
        double maxY = 0;
        for (double[] p : curve) {
            maxY = Math.max(maxY, p[1]);
        }
        maxY = niceCeil(maxY);
        StringBuilder s = svgStart();
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i <= 5; i++) {
            double x = x(i, maxX);
            s.append(line(x, TOP, x, H - BOTTOM, "#eee")).append(text(x, H - BOTTOM + 16, labels[i],
                    i == 5 ? "end" : "middle"));
        }
        yAxis(s, maxY, "ms");
        StringBuilder path = new StringBuilder();
        for (double[] p : curve) {
            double nines = p[0] >= 100 ? maxX : Math.min(maxX, -Math.log10(1 - p[0] / 100));
            path.append(path.length() == 0 ? "M" : "L").append(fmt(x(nines, maxX))).append(',')
                    .append(fmt(y(p[1], maxY)));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>");
        s.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 8, "percentile", "middle"));
        return s.append("</svg>\n").toString();
    }

    private static String timeChart(List<Sample> t, RunReport r, String unit, List<Series> series) {
        return timeChart(t, r.measureFrom(), r.measureTo(), unit, series);
    }

    /** Throughput over time: deliveries and frames per second, the measured window shaded. */
    static String throughputChart(List<Sample> t, double from, double to) {
        return timeChart(t, from, to, "per second", List.of(new Series("deliveries/s", "#1f77b4",
                Sample::deliveriesPerSec), new Series("frames/s", "#aaaaaa", Sample::framesPerSec)));
    }

    static String timeChart(List<Sample> t, double measureFrom, double measureTo, String unit, List<Series> series) {
        double maxX = Math.max(1, t.get(t.size() - 1).seconds());
        double maxY = 0;
        for (Series se : series) {
            for (Sample sa : t) {
                double v = se.value.applyAsDouble(sa);
                if (!Double.isNaN(v)) {
                    maxY = Math.max(maxY, v);
                }
            }
        }
        maxY = niceCeil(maxY);
        StringBuilder s = svgStart();
        if (!Double.isNaN(measureFrom)) {
            double x0 = x(measureFrom, maxX);
            double x1 = x(Double.isNaN(measureTo) ? maxX : measureTo, maxX);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"#fff6d5\"/>", x0, TOP, Math.max(0, x1 - x0), H - TOP - BOTTOM));
            s.append(text(x0 + 4, TOP + 12, "measured", "start"));
        }
        for (int i = 0; i <= 5; i++) {
            double sec = maxX * i / 5;
            double x = x(sec, maxX);
            s.append(line(x, TOP, x, H - BOTTOM, "#eee"))
                    .append(text(x, H - BOTTOM + 16, String.format(Locale.ROOT, "%.0fs", sec), "middle"));
        }
        yAxis(s, maxY, unit);
        int legend = 0;
        for (Series se : series) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (Sample sa : t) {
                double v = se.value.applyAsDouble(sa);
                if (Double.isNaN(v)) {
                    pen = false;
                    continue;
                }
                path.append(pen ? "L" : "M").append(fmt(x(sa.seconds(), maxX))).append(',').append(fmt(y(v, maxY)));
                pen = true;
            }
            s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(se.color)
                    .append("\" stroke-width=\"1.8\"/>");
            double lx = W - RIGHT - 110;
            double ly = TOP + 14 + 16 * legend++;
            s.append(line(lx, ly - 4, lx + 18, ly - 4, se.color)).append(text(lx + 24, ly, se.name, "start"));
        }
        return s.append("</svg>\n").toString();
    }

    private static StringBuilder svgStart() {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-size=\"11\" "
                        + "font-family=\"sans-serif\">");
        s.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#333")).append(line(LEFT, TOP, LEFT, H - BOTTOM,
                "#333"));
        return s;
    }

    private static void yAxis(StringBuilder s, double maxY, String unit) {
        for (int i = 0; i <= 4; i++) {
            double v = maxY * i / 4;
            double y = y(v, maxY);
            s.append(line(LEFT, y, W - RIGHT, y, "#eee")).append(text(LEFT - 6, y + 4, label(v), "end"));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">%s</text>", (H - BOTTOM + TOP) / 2, (H - BOTTOM + TOP) / 2, esc(unit)));
    }

    private static double x(double v, double max) {
        return LEFT + (W - LEFT - RIGHT) * v / max;
    }

    private static double y(double v, double max) {
        return H - BOTTOM - (H - TOP - BOTTOM) * Math.min(v, max) / max;
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                x1, y1, x2, y2, color);
    }

    private static String text(double x, double y, String text, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor,
                esc(text));
    }

    private static double niceCeil(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * mag >= v) {
                return step * mag;
            }
        }
        return 10 * mag;
    }

    private static String label(double v) {
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 10_000) {
            return v % 1000 == 0 ? String.format(Locale.ROOT, "%.0fk", v / 1e3)
                    : String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

}
