package vn.motcua.transaction;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current Spring transaction — the engine's too, since Camunda runs in
 * it: a row read once and kept, or facts gathered from several engine events and written once, just
 * before the transaction commits (issue #17). An inner transaction (REQUIRES_NEW) has a value of its own.
 *
 * @param <T> the value, made on first use in a transaction
 */
public final class PerTransaction<T> {

    private final Object key = new Object();
    private final Supplier<T> initial;
    private final Consumer<T> beforeCommit;

    /**
     * @param initial      makes the value on first use in a transaction
     * @param beforeCommit what to do with it just before the transaction commits (null: nothing)
     */
    public PerTransaction(Supplier<T> initial, Consumer<T> beforeCommit) {
        this.initial = initial;
        this.beforeCommit = beforeCommit;
    }

    /** The current transaction's value; empty outside a transaction. */
    @SuppressWarnings("unchecked")
    public Optional<T> get() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        T value = (T) TransactionSynchronizationManager.getResource(key);
        if (value == null) {
            T fresh = initial.get();
            TransactionSynchronizationManager.bindResource(key, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(key, fresh);
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    if (beforeCommit != null) {
                        beforeCommit.accept(fresh);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            value = fresh;
        }
        return Optional.of(value);
    }
}
