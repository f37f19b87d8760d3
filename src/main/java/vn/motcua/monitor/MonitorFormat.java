package vn.motcua.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the pages write numbers, rates, times and labels (handed to the templates as {@code fmt}). */
public final class MonitorFormat {

    private final DateTimeFormatter when;

    MonitorFormat(ZoneId zone) {
        this.when = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(zone);
    }

    /** 0.8571 → "85.7 %"; no rate → "—". */
    public String pct(BigDecimal rate) {
        return rate == null ? "—" : rate.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP) + " %";
    }

    public String num(Object value) {
        return value == null ? "—" : value.toString();
    }

    public String time(Instant instant) {
        return instant == null ? "—" : when.format(instant);
    }

    /** Green, yellow, red in both languages. */
    public String colour(String colour) {
        if (colour == null) {
            return "—";
        }
        return switch (colour) {
            case "green" -> "Xanh / Green";
            case "yellow" -> "Vàng / Yellow";
            case "red" -> "Đỏ / Red";
            default -> colour;
        };
    }

    /** Steps and verdicts in both languages. */
    public String label(String id) {
        return ControlSheet.label(id);
    }

    public String state(int code) {
        return vn.motcua.record.RecordState.ofCode(code).map(s -> s.nameVi() + " / " + s.nameEn())
                .orElse(Integer.toString(code));
    }
}
