package vn.motcua.applicant;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code motcua.applicant-messages.*}: what the applicant is told, and how (docs/applicant-messages.md).
 *
 * @param enabled     whether messages are written at all (e-mail when the applicant gave an address; SMS below)
 * @param trackingUrl the public tracking page the messages link to; empty: {@code <motcua.notices.public-url>/tra-cuu}
 * @param sms         the HTTP SMS gateway
 */
@ConfigurationProperties("motcua.applicant-messages")
public record ApplicantProperties(@DefaultValue("true") boolean enabled, String trackingUrl, @DefaultValue Sms sms) {

    /**
     * @param enabled         whether text messages are written and sent (needs {@code baseUrl})
     * @param baseUrl         the gateway; messages go to {@code <baseUrl>/sms}
     * @param apiKey          its bearer token
     * @param sender          the brandname shown to the applicant
     * @param pollInterval    how often each node's relay looks for messages to send
     * @param firstRetryAfter the wait after a failed attempt (outage, 5xx, timeout); doubled each time
     * @param maxRetryAfter   the longest wait
     * @param maxAttempts     then the message is given up
     * @param timeout         to connect and to wait for the gateway's answer
     */
    public record Sms(@DefaultValue("false") boolean enabled, String baseUrl, String apiKey,
            @DefaultValue("MOTCUA") String sender, @DefaultValue("PT5S") Duration pollInterval,
            @DefaultValue("PT10S") Duration firstRetryAfter, @DefaultValue("PT10M") Duration maxRetryAfter,
            @DefaultValue("10") int maxAttempts, @DefaultValue("PT5S") Duration timeout) {

        /** The wait before attempt {@code attempts + 1}: doubling from the first, up to the longest. */
        Duration retryAfter(int attempts) {
            Duration wait = firstRetryAfter;
            for (int i = 1; i < attempts && wait.compareTo(maxRetryAfter) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
        }
    }
}
