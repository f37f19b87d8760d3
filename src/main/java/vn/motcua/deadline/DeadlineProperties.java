package vn.motcua.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clock's settings ({@code motcua.deadlines.*}). A step turns yellow under
 * {@code yellowWorkingDays} working days left, or under {@code yellowShareOfBudget} of a short
 * step's budget (the smaller wins). {@code timeScale} multiplies every working-day figure — only
 * for demonstrations (profile {@code fast-clock}: a working day lasts about a minute); 1 otherwise.
 */
@ConfigurationProperties(prefix = "motcua.deadlines")
public record DeadlineProperties(Double yellowWorkingDays, Double yellowShareOfBudget, Double timeScale) {

    public DeadlineProperties {
        yellowWorkingDays = yellowWorkingDays != null ? yellowWorkingDays : 1.0;
        yellowShareOfBudget = yellowShareOfBudget != null ? yellowShareOfBudget : 0.2;
        timeScale = timeScale != null && timeScale > 0 ? timeScale : 1.0;
    }
}
