package vn.motcua.monitor;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The monitoring centre ({@code motcua.monitor.*}).
 *
 * @param greenOnTimeRate   a unit is green with at least this on-time rate …
 * @param greenMaxOverdue   … and at most this many open red (overdue) records
 * @param yellowOnTimeRate  yellow with at least this on-time rate …
 * @param yellowMaxOverdue  … and at most this many red records; red otherwise. A unit that
 *                          resolved nothing in the period is judged by its red records alone.
 * @param redListLimit      how many red records the dashboard lists
 * @param trendMonths       how many months the trend plots show, ending with the period's month
 */
@ConfigurationProperties(prefix = "motcua.monitor")
record MonitorProperties(BigDecimal greenOnTimeRate, Integer greenMaxOverdue, BigDecimal yellowOnTimeRate,
        Integer yellowMaxOverdue, Integer redListLimit, Integer trendMonths) {

    MonitorProperties {
        greenOnTimeRate = greenOnTimeRate != null ? greenOnTimeRate : new BigDecimal("0.95");
        greenMaxOverdue = greenMaxOverdue != null ? greenMaxOverdue : 0;
        yellowOnTimeRate = yellowOnTimeRate != null ? yellowOnTimeRate : new BigDecimal("0.80");
        yellowMaxOverdue = yellowMaxOverdue != null ? yellowMaxOverdue : 5;
        redListLimit = redListLimit != null && redListLimit > 0 ? redListLimit : 100;
        trendMonths = trendMonths != null && trendMonths > 0 && trendMonths <= 120 ? trendMonths : 12;
    }

    static MonitorProperties defaults() {
        return new MonitorProperties(null, null, null, null, null, null);
    }

    /** The unit's colour (green, yellow, red) from its on-time rate (null: nothing resolved) and red records. */
    vn.motcua.deadline.Colour unitColour(BigDecimal onTimeRate, long overdue) {
        if (meets(onTimeRate, greenOnTimeRate) && overdue <= greenMaxOverdue) {
            return vn.motcua.deadline.Colour.GREEN;
        }
        if (meets(onTimeRate, yellowOnTimeRate) && overdue <= yellowMaxOverdue) {
            return vn.motcua.deadline.Colour.YELLOW;
        }
        return vn.motcua.deadline.Colour.RED;
    }

    private static boolean meets(BigDecimal rate, BigDecimal threshold) {
        return rate == null || rate.compareTo(threshold) >= 0;
    }
}
