package vn.motcua.notice;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The notices' settings ({@code motcua.notices.*}): where links in e-mails point, who sends them, how
 * often the outbox is relayed; and, for the deadline feature's escalation, when the next level is told
 * and the deprecated parents.
 *
 * @param publicUrl where users reach the product; links in notices start with it
 * @param from the sender of notice e-mails
 * @param nextLevelAfterWorkingDays how long a step may stay overdue before the next level is notified
 * @param mailPollInterval how often the outbox is relayed to the mail server
 * @param parents deprecated overrides of the organisation's parents ({@code motcua.organisation.units.<id>.parent})
 *        for escalation only: a unit's parent unit, whose leaders get level 2; a parent
 *        {@code admins} ({@code deadline.UnitHierarchy}) sends a unit's escalations straight to the administrators
 */
@ConfigurationProperties(prefix = "motcua.notices")
public record NoticeProperties(String publicUrl, String from, Double nextLevelAfterWorkingDays,
        Duration mailPollInterval, Map<String, String> parents) {

    public NoticeProperties {
        publicUrl = publicUrl != null && !publicUrl.isBlank() ? publicUrl.strip().replaceAll("/+$", "")
                : "http://localhost:8080";
        from = from != null && !from.isBlank() ? from.strip() : "motcua@localhost";
        nextLevelAfterWorkingDays = nextLevelAfterWorkingDays != null && nextLevelAfterWorkingDays >= 0
                ? nextLevelAfterWorkingDays : 1.0;
        mailPollInterval = mailPollInterval != null ? mailPollInterval : Duration.ofSeconds(5);
        parents = parents != null ? Map.copyOf(parents) : Map.of();
    }

    /** The defaults, as when nothing is configured. */
    public static NoticeProperties defaults() {
        return new NoticeProperties(null, null, null, null, null);
    }
}
