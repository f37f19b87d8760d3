package vn.motcua.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are the client's or passing, however deeply wrapped. */
class FailuresTest {

    static HttpStatus status(Throwable failure) {
        return Failures.classify(failure).map(Failures.Classified::status).orElse(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void aConcurrentChangeIsAConflict() {
        assertThat(status(new RestException(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
                new OptimisticLockingException("Entity was updated by another transaction concurrently"), "x")))
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void anUnknownTaskIsNotFoundButAMissingParameterIsNot() {
        assertThat(status(new NullValueException("Cannot find task with id nope: task is null")))
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(new NullValueException("taskId is null"))).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void aRefusalInsideTheEngineIsABadRequestWithItsMessage() {
        Failures.Classified refused = Failures.classify(new ProcessEngineException("while invoking a listener",
                new BadUserRequestException("the result of record X is not signed by leader-a"))).orElseThrow();
        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.message()).contains("not signed by leader-a");
    }

    @Test
    void aNulCharacterPostgresqlCannotStoreIsABadRequest() {
        assertThat(status(new ProcessEngineException("flush failed", new PersistenceException(
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))))
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void anUnreachableDatabaseIsServiceUnavailable() {
        assertThat(status(new CannotCreateTransactionException("Could not open JDBC Connection")))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(status(new ProcessEngineException(new PersistenceException(
                new SQLTransientConnectionException("Connection is not available, request timed out")))))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(status(new ProcessEngineException(new SQLException("An I/O error occurred", "08006"))))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(status(new SQLException("terminating connection due to administrator command", "57P01")))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        // the first request after the database went away: the rollback on the pool's broken connection fails
        assertThat(status(new ProcessEngineException("persistence", new org.springframework.transaction
                .TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")))))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void anythingElseStaysAServerError() {
        assertThat(status(new IllegalStateException("bug"))).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(status(new ProcessEngineException(new SQLException("syntax error", "42601"))))
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
