package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.junit.jupiter.api.Test;

/**
 * An applicant's action (withdrawal, supplement) is tried again when a job of the record moved its process
 * at the same moment: the engine's optimistic locking, or PostgreSQL's deadlock (seen when a withdrawal
 * met a registry lookup running), never another failure.
 */
class ConcurrentChangeTest {

    @Test
    void optimisticLockingAndTheDatabasesDeadlocksAreConcurrentChangesOtherFailuresAreNot() {
        assertThat(RecordActions.concurrentChange(new OptimisticLockingException("changed meanwhile"))).isTrue();
        assertThat(RecordActions.concurrentChange(new ProcessEnginePersistenceException("flush failed",
                new RuntimeException(new SQLException("deadlock detected", "40P01"))))).isTrue();
        assertThat(RecordActions.concurrentChange(new RuntimeException(new SQLException("could not serialize", "40001"))))
                .isTrue();
        assertThat(RecordActions.concurrentChange(new ProcessEnginePersistenceException("flush failed",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(RecordActions.concurrentChange(new IllegalStateException("no record"))).isFalse();
    }
}
