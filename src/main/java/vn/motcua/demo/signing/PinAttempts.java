package vn.motcua.demo.signing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.signature.config.SignatureSettings;

/**
 * Counts PIN attempts per credential in the database ({@code signature_pin_lock}), so that all nodes
 * share one count, and locks a credential for {@code motcua.signature.pin.lock-duration} after
 * {@code max-failures} wrong PINs in a row. Every wrong PIN, lock and attempt refused while locked
 * is written to the audit trail {@code signature_pin_event}.
 *
 * <p>An attempt is counted <em>before</em> the PIN is checked ({@link #begin}, a row-locking update
 * that also refuses a locked credential), so a burst of concurrent guesses cannot get past the limit
 * while the slow PIN checks run; {@link #succeeded} takes the attempt back by resetting the count,
 * {@link #failed} keeps it and locks at the limit.
 */
public class PinAttempts {

    private static final Logger log = LoggerFactory.getLogger(PinAttempts.class);

    /** One attempt reserved: its number since the last success or lock. */
    public record Attempt(String credentialId, String actor, int number) {
    }

    /** The credential is locked until {@code until}. */
    public static class Locked extends RuntimeException {
        private final Instant until;
        private final Duration retryAfter;

        Locked(String message, Instant until, Duration retryAfter) {
            super(message);
            this.until = until;
            this.retryAfter = retryAfter;
        }

        public Instant until() {
            return until;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SignatureSettings.Pin settings;
    private final Clock clock;

    public PinAttempts(JdbcClient jdbc, PlatformTransactionManager transactions, SignatureSettings.Pin settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Reserves an attempt for the credential before its PIN is checked.
     *
     * @throws Locked when the credential is locked (the right PIN is refused too), or when this
     *         attempt is beyond the limit (concurrent guesses), which locks it
     */
    public Attempt begin(String credentialId, String actor) {
        createRowIfAbsent(credentialId);
        // The refusal is decided inside the transaction but thrown after its commit, so its audit stays.
        Object outcome = tx.execute(status -> {
            Instant now = now();
            int counted = jdbc.sql("""
                    update signature_pin_lock set failures = failures + 1, locked_until = null, updated_at = :now
                     where credential_id = :id and (locked_until is null or locked_until <= :now)""")
                    .param("now", Timestamp.from(now)).param("id", credentialId).update();
            if (counted == 0) {
                Instant until = lockedUntil(credentialId);
                audit(credentialId, "refused", actor, settings.getMaxFailures(), until, now);
                return locked(credentialId, until, now);
            }
            int number = jdbc.sql("select failures from signature_pin_lock where credential_id = :id")
                    .param("id", credentialId).query(Integer.class).single();
            if (number > settings.getMaxFailures()) {
                // More guesses in flight than the limit allows: this one is not even checked.
                return locked(credentialId, lock(credentialId, actor, number, now), now);
            }
            return new Attempt(credentialId, actor, number);
        });
        if (outcome instanceof Locked refused) {
            throw refused;
        }
        return (Attempt) outcome;
    }

    /**
     * The attempt's PIN was wrong: it stays counted and is audited; the last allowed one locks the
     * credential.
     *
     * @return the attempts left before the lock
     * @throws Locked when this failure locked the credential
     */
    public int failed(Attempt attempt) {
        Object outcome = tx.execute(status -> {
            Instant now = now();
            audit(attempt.credentialId(), "failure", attempt.actor(), attempt.number(), null, now);
            if (attempt.number() >= settings.getMaxFailures()) {
                return locked(attempt.credentialId(),
                        lock(attempt.credentialId(), attempt.actor(), attempt.number(), now), now);
            }
            log.warn("wrong signing PIN for credential {} by {} ({} of {})", attempt.credentialId(), attempt.actor(),
                    attempt.number(), settings.getMaxFailures());
            return settings.getMaxFailures() - attempt.number();
        });
        if (outcome instanceof Locked locked) {
            throw locked;
        }
        return (Integer) outcome;
    }

    /** The attempt's PIN was right: the count starts again (unless a concurrent guess locked it meanwhile). */
    public void succeeded(Attempt attempt) {
        Locked refused = tx.execute(status -> {
            Instant now = now();
            int reset = jdbc.sql("""
                    update signature_pin_lock set failures = 0, updated_at = :now
                     where credential_id = :id and locked_until is null""")
                    .param("now", Timestamp.from(now)).param("id", attempt.credentialId()).update();
            if (reset == 0) {
                return locked(attempt.credentialId(), lockedUntil(attempt.credentialId()), now);
            }
            if (attempt.number() > 1) {
                audit(attempt.credentialId(), "reset", attempt.actor(), attempt.number() - 1, null, now);
            }
            return null;
        });
        if (refused != null) {
            throw refused;
        }
    }

    private Instant lockedUntil(String credentialId) {
        return jdbc.sql("select locked_until from signature_pin_lock where credential_id = :id")
                .param("id", credentialId).query(Timestamp.class).single().toInstant();
    }

    /** In milliseconds, which every database keeps exactly: Retry-After is then exact too. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private Instant lock(String credentialId, String actor, int failures, Instant now) {
        Instant until = now.plus(settings.getLockDuration());
        jdbc.sql("update signature_pin_lock set failures = 0, locked_until = :until, updated_at = :now where credential_id = :id")
                .param("until", Timestamp.from(until)).param("now", Timestamp.from(now)).param("id", credentialId)
                .update();
        audit(credentialId, "locked", actor, failures, until, now);
        log.warn("signing credential {} locked until {} after {} wrong PINs (last by {})", credentialId, until,
                failures, actor);
        return until;
    }

    private Locked locked(String credentialId, Instant until, Instant now) {
        Duration left = Duration.between(now, until);
        long seconds = Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
        return new Locked("credential " + credentialId + " is locked after " + settings.getMaxFailures()
                + " wrong PINs until " + until + "; try again in " + seconds + " s", until, Duration.ofSeconds(seconds));
    }

    private void audit(String credentialId, String event, String actor, int failures, Instant lockedUntil,
            Instant now) {
        jdbc.sql("""
                insert into signature_pin_event (credential_id, event, actor, failures, locked_until, occurred_at)
                values (:id, :event, :actor, :failures, :until, :at)""")
                .param("id", credentialId).param("event", event).param("actor", actor).param("failures", failures)
                .param("until", lockedUntil == null ? null : Timestamp.from(lockedUntil), java.sql.Types.TIMESTAMP)
                .param("at", Timestamp.from(now)).update();
    }

    /** Outside the attempt's transaction: on PostgreSQL a duplicate key would abort it. */
    private void createRowIfAbsent(String credentialId) {
        boolean exists = jdbc.sql("select count(*) from signature_pin_lock where credential_id = :id")
                .param("id", credentialId).query(Integer.class).single() > 0;
        if (exists) {
            return;
        }
        try {
            jdbc.sql("insert into signature_pin_lock (credential_id, failures, updated_at) values (:id, 0, :now)")
                    .param("id", credentialId).param("now", Timestamp.from(now())).update();
        } catch (DuplicateKeyException e) {
            // another node or thread made it first
        }
    }
}
