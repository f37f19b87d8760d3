package vn.motcua.monitor;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The KPIs of a period per unit or per procedure, with their total; as JSON, or as CSV for a
 * spreadsheet (UTF-8 with a byte-order mark, so Excel shows the Vietnamese names; an empty rate
 * cell means "nothing to measure", as {@code null} does in JSON).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record KpiTable(Dashboard.PeriodView period, String by, String procedure, List<Row> rows, Row total) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Row(String key, String name, String colour, Figures figures, OpenRecords open) {
    }

    static final List<String> CSV_HEADER = List.of("period", "from", "to", "by", "key", "name", "received", "online",
            "fully_online", "digitised", "components", "reused", "resolved", "early", "on_time", "late", "e_result",
            "rated", "rating_sum", "on_time_rate", "online_rate", "fully_online_rate", "digitisation_rate",
            "e_result_rate", "reuse_rate", "satisfaction", "colour", "open_green", "open_yellow", "open_red",
            "open_paused");

    byte[] csv() {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", CSV_HEADER)).append("\r\n");
        List<Row> all = new ArrayList<>(rows);
        all.add(total);
        for (Row row : all) {
            Figures f = row.figures();
            List<Object> cells = new ArrayList<>(List.of(period.kind(), period.from(), period.to(), by,
                    row.key() == null ? "total" : row.key(), row.name() == null ? "" : row.name()));
            for (long v : f.values()) {
                cells.add(v);
            }
            cells.addAll(nullable(f.onTimeRate(), f.onlineRate(), f.fullyOnlineRate(), f.digitisationRate(),
                    f.eResultRate(), f.reuseRate(), f.satisfaction()));
            cells.add(row.colour() == null ? "" : row.colour());
            OpenRecords o = row.open();
            cells.addAll(o == null ? List.of("", "", "", "") : List.of(o.green(), o.yellow(), o.red(), o.paused()));
            out.append(String.join(",", cells.stream().map(c -> cell(c.toString())).toList())).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Object> nullable(BigDecimal... rates) {
        List<Object> cells = new ArrayList<>();
        for (BigDecimal rate : rates) {
            cells.add(rate == null ? "" : rate.toPlainString());
        }
        return cells;
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs a name as a formula. */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
