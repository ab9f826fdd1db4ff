package io.chitchat.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chitchat.bench.metrics.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one run: ordered key/values (printed as the {@code RESULT} line), plus what the JSON file and the
 * HTML report need (options, server description, machine, timeline, latency histogram).
 *
 * <p>Not thread-safe: filled by the scenario thread.
 */
public final class RunReport {
    private final String scenario;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> options;
    private final List<String> notes = new ArrayList<>();
    private String server = "";
    private List<Sample> timeline = List.of();
    private double measureFrom = Double.NaN;
    private double measureTo = Double.NaN;
    private Histogram latency;

    public RunReport(String scenario, Map<String, String> options) {
        this.scenario = scenario;
        this.options = new LinkedHashMap<>(options);
    }

    public String scenario() {
        return scenario;
    }

    /** Adds or replaces a result value (numbers, booleans or short strings without spaces). */
    public RunReport put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    public Object get(String key) {
        return values.get(key);
    }

    public Map<String, Object> values() {
        return values;
    }

    /** A sentence for the report (e.g. why a check failed). */
    public void note(String text) {
        notes.add(text);
    }

    public List<String> notes() {
        return notes;
    }

    public void server(String description) {
        server = description;
    }

    public void timeline(List<Sample> samples, double fromSeconds, double toSeconds) {
        timeline = samples;
        measureFrom = fromSeconds;
        measureTo = toSeconds;
    }

    public void latency(Histogram histogram) {
        latency = histogram;
    }

    /** {@code RESULT scenario=<name> key=value ...}: one line, no spaces inside values. */
    public String resultLine() {
        StringBuilder sb = new StringBuilder("RESULT scenario=").append(scenario);
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(format(v)));
        return sb.toString();
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "NaN";
            }
            double a = Math.abs(d);
            String s = a >= 1000 ? String.format(Locale.ROOT, "%.0f", d)
                    : a >= 10 ? String.format(Locale.ROOT, "%.2f", d) : String.format(Locale.ROOT, "%.3f", d);
            return s;
        }
        if (v instanceof Float f) {
            return format(f.doubleValue());
        }
        return String.valueOf(v).replaceAll("\\s+", "_");
    }

    /** Latency percentiles for the curve: from 0 to 99.999 on a log-of-nines axis, and the maximum. */
    public List<double[]> percentileCurve() {
        List<double[]> points = new ArrayList<>();
        if (latency == null || latency.getTotalCount() == 0) {
            return points;
        }
        for (int i = 0; i <= 100; i++) {
            double nines = i * 0.05;
            double p = 100 * (1 - Math.pow(10, -nines));
            points.add(new double[] {p, latency.getValueAtPercentile(p) / 1e3});
        }
        points.add(new double[] {100, latency.getMaxValue() / 1e3});
        return points;
    }

    /** The whole report as JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("result", values);
        m.put("notes", notes);
        m.put("options", options);
        m.put("server", server);
        m.put("machine", Machine.describe());
        m.put("measure_from_s", Double.isNaN(measureFrom) ? null : measureFrom);
        m.put("measure_to_s", Double.isNaN(measureTo) ? null : measureTo);
        List<Map<String, Object>> samples = new ArrayList<>();
        for (Sample s : timeline) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t", s.seconds());
            row.put("phase", s.phase());
            row.put("deliveries_per_s", s.deliveriesPerSec());
            row.put("sent_per_s", s.sentPerSec());
            row.put("frames_per_s", s.framesPerSec());
            row.put("p50_ms", s.p50Ms());
            row.put("p99_ms", s.p99Ms());
            row.put("max_ms", s.maxMs());
            row.put("server_cpu_pct", s.serverCpuPct());
            row.put("client_cpu_pct", s.clientCpuPct());
            row.put("connections", s.connections());
            samples.add(row);
        }
        m.put("timeline", samples);
        List<Map<String, Double>> curve = new ArrayList<>();
        for (double[] p : percentileCurve()) {
            curve.add(Map.of("percentile", p[0], "ms", p[1]));
        }
        m.put("latency_percentiles", curve);
        return m;
    }

    public void writeJson(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(file, json.writeValueAsString(clean(toMap())), StandardCharsets.UTF_8);
    }

    /** JSON has no NaN: unknown numbers become null. */
    private static Object clean(Object v) {
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(k, clean(x)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(clean(x)));
            return out;
        }
        return v;
    }

    public void writeHtml(Path file) throws IOException {
        Files.writeString(file, HtmlReport.render(this), StandardCharsets.UTF_8);
    }

    List<Sample> timeline() {
        return timeline;
    }

    double measureFrom() {
        return measureFrom;
    }

    double measureTo() {
        return measureTo;
    }

    Map<String, String> options() {
        return options;
    }

    String serverDescription() {
        return server;
    }
}
