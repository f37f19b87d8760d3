package vn.motcua.record;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a closed record is kept, and when the purge runs ({@code motcua.retention.*},
 * docs/retention.md).
 *
 * @param defaultDays days a closed record is kept after closing, unless its procedure's model says
 *        otherwise ({@code procedure.retentionDays})
 * @param windowStart the night-time window's start (also the engine's history cleanup window)
 * @param windowEnd its end, the next morning when before the start
 * @param zone the window's time zone
 * @param checkInterval how often each node looks whether the window is open and work is due
 * @param batchSize records purged per round (each record in a transaction of its own)
 * @param claimFor how long a node's claim on the purge lasts before another node may take over
 *        (renewed after each round)
 * @param enabled false: no purge at all
 */
@ConfigurationProperties(prefix = "motcua.retention")
public record RetentionProperties(Integer defaultDays, LocalTime windowStart, LocalTime windowEnd, ZoneId zone,
        Duration checkInterval, Integer batchSize, Duration claimFor, Boolean enabled) {

    public RetentionProperties {
        defaultDays = defaultDays != null ? defaultDays : 3650;
        if (defaultDays < 1) {
            throw new IllegalArgumentException("motcua.retention.default-days must be at least 1, was " + defaultDays);
        }
        windowStart = windowStart != null ? windowStart : LocalTime.of(22, 0);
        windowEnd = windowEnd != null ? windowEnd : LocalTime.of(5, 0);
        zone = zone != null ? zone : ZoneId.of("Asia/Ho_Chi_Minh");
        checkInterval = checkInterval != null ? checkInterval : Duration.ofMinutes(10);
        batchSize = batchSize != null ? batchSize : 100;
        claimFor = claimFor != null ? claimFor : Duration.ofMinutes(15);
        enabled = enabled == null || enabled;
    }

    /** Whether the instant falls in the night-time window (which may run over midnight). */
    boolean inWindow(java.time.Instant instant) {
        LocalTime time = instant.atZone(zone).toLocalTime();
        return windowStart.isBefore(windowEnd)
                ? !time.isBefore(windowStart) && time.isBefore(windowEnd)
                : !time.isBefore(windowStart) || time.isBefore(windowEnd);
    }
}
