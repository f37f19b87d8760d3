package vn.motcua.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures are not the server's fault, read from an exception and its causes, however deep
 * the engine or JDBC wrapped them: someone else changed the same thing at that moment (409), a thing
 * that does not exist (404), a request the rules or the database refuse (400), or the database
 * briefly unreachable (503, try again). Anything else stays a 500. Shared by the servlet filter of
 * our APIs and the engine REST API's exception mappers.
 */
public final class Failures {

    /** How long a client should wait before trying again when the database is unreachable. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** A failure with the status it deserves and a message for the client. */
    public record Classified(HttpStatus status, String type, String message) {
    }

    private Failures() {
    }

    public static Optional<Classified> classify(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        // Unavailability first: a lost connection often surfaces wrapped in anything.
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (unreachable(t)) {
                return Optional.of(new Classified(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable",
                        "the database cannot be reached at the moment; nothing was changed, try again in a few seconds"));
            }
        }
        seen.clear();
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (t instanceof OptimisticLockingException || t instanceof OptimisticLockingFailureException) {
                return Optional.of(new Classified(HttpStatus.CONFLICT, "OptimisticLockingException",
                        "someone else changed this at the same moment (e.g. completed the same task); nothing of "
                                + "this request was stored — reload and try again"));
            }
            if (t instanceof NotFoundException || t instanceof NullValueException && t.getMessage() != null
                    && t.getMessage().startsWith("Cannot find")) {
                return Optional.of(new Classified(HttpStatus.NOT_FOUND, "NotFoundException", t.getMessage()));
            }
            if (t instanceof BadUserRequestException) {
                return Optional.of(new Classified(HttpStatus.BAD_REQUEST, "BadUserRequestException", t.getMessage()));
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("22021") || sql.getSQLState().equals("22P05"))) {
                // PostgreSQL: "invalid byte sequence for encoding UTF8: 0x00" — a NUL character in a text
                return Optional.of(new Classified(HttpStatus.BAD_REQUEST, "BadUserRequestException",
                        "a text contains a character that cannot be stored (the NUL character, U+0000); "
                                + "nothing was stored"));
            }
        }
        return Optional.empty();
    }

    private static boolean unreachable(Throwable t) {
        if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                || t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException) {
            return true;
        }
        if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException) {
            return true; // a JDBC commit or rollback failed: the connection is gone
        }
        if (!(t instanceof SQLException sql)) {
            return false;
        }
        // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or starting
        if (sql.getSQLState() != null && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
            return true;
        }
        // A pooled connection found closed (the pool's own message, without a state)
        String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("connection") && message.contains("closed");
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        return t instanceof SQLException sql ? sql.getNextException() : null;
    }
}
