package vn.motcua.portal;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code motcua.portal-sync.*}: the National Public Service Portal's status API (docs/portal-sync.md).
 *
 * @param enabled          whether state changes are queued and sent (off: nothing is written)
 * @param baseUrl          the status API's base URL; updates go to {@code <baseUrl>/records/status}
 * @param username         HTTP Basic user (with {@code password}); or
 * @param token            a bearer token (wins over Basic when both are set)
 * @param states           the portal's code for a product state (1–10), where it differs
 * @param pollInterval     how often each node's relay looks for updates to send
 * @param connectTimeout   to open a connection to the portal
 * @param readTimeout      to wait for its answer
 * @param firstRetryAfter  the wait after the first failed attempt (outage, 5xx, timeout); doubled each time
 * @param maxRetryAfter    the longest wait between attempts
 * @param stuckAfter       health turns DEGRADED when an update has waited this long
 */
@ConfigurationProperties("motcua.portal-sync")
public record PortalProperties(@DefaultValue("false") boolean enabled, String baseUrl, String username,
        String password, String token, Map<Integer, String> states, @DefaultValue("PT5S") Duration pollInterval,
        @DefaultValue("PT2S") Duration connectTimeout, @DefaultValue("PT10S") Duration readTimeout,
        @DefaultValue("PT10S") Duration firstRetryAfter, @DefaultValue("PT10M") Duration maxRetryAfter,
        @DefaultValue("PT30M") Duration stuckAfter) {

    public PortalProperties {
        states = states == null ? Map.of() : Map.copyOf(states);
    }

    /** The portal's code for a product state: the mapping's, else the product's own code. */
    String stateCode(int state) {
        return states.getOrDefault(state, Integer.toString(state));
    }

    /** The wait before attempt {@code attempts + 1}: doubling from the first, up to the longest. */
    Duration retryAfter(int attempts) {
        Duration wait = firstRetryAfter;
        for (int i = 1; i < attempts && wait.compareTo(maxRetryAfter) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
    }
}
