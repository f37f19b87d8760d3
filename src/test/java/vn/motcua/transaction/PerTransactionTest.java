package vn.motcua.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** A value per transaction: kept through it, its own in an inner one, handed over just before commit. */
class PerTransactionTest {

    final List<List<String>> committed = new ArrayList<>();
    final PerTransaction<List<String>> facts = new PerTransaction<>(ArrayList::new, committed::add);
    final DataSourceTransactionManager transactions = new DataSourceTransactionManager(h2());

    @Test
    void theValueLivesAsLongAsItsTransactionAndIsHandedOverBeforeCommit() {
        assertThat(facts.get()).as("outside a transaction").isEmpty();
        new TransactionTemplate(transactions).executeWithoutResult(outer -> {
            facts.get().orElseThrow().add("a");
            facts.get().orElseThrow().add("b");
            TransactionTemplate inner = new TransactionTemplate(transactions);
            inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            inner.executeWithoutResult(status -> facts.get().orElseThrow().add("inner"));
            assertThat(committed).as("the inner transaction's own, at its commit").containsExactly(List.of("inner"));
            facts.get().orElseThrow().add("c");
        });
        assertThat(committed).containsExactly(List.of("inner"), List.of("a", "b", "c"));
        assertThat(facts.get()).isEmpty();

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(rolledBack -> {
            facts.get().orElseThrow().add("lost");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(committed).as("nothing handed over from a rollback").hasSize(2);
        new TransactionTemplate(transactions).executeWithoutResult(next -> assertThat(facts.get().orElseThrow())
                .as("a new transaction starts empty").isEmpty());
    }

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:per-transaction;DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}
