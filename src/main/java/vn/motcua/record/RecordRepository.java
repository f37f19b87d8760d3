package vn.motcua.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.transaction.PerTransaction;
import vn.motcua.web.Problem;

/** The record feature's tables. Runs inside the caller's (or the engine's) transaction. */
@Repository
class RecordRepository {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    /** The rows read (or written) in the current transaction, by code; kept up to date by every change made here. */
    private static final PerTransaction<Map<String, RecordRow>> READ = new PerTransaction<>(HashMap::new, null);
    /** The codes whose rows this transaction holds locked ({@link #findForUpdate}, or inserted by it). */
    private static final PerTransaction<Set<String>> LOCKED = new PerTransaction<>(HashSet::new, null);

    RecordRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The next sequence number for a unit and day. The day's row is made in a transaction of its
     * own (a duplicate from another node is harmless there); the increment then holds the row
     * lock until the caller's transaction ends, which keeps numbers unique across nodes.
     */
    int nextSequence(String unit, LocalDate day) {
        if (increment(unit, day) == 0) {
            try {
                ownTransaction.executeWithoutResult(status -> jdbc
                        .sql("insert into record_code_sequence (unit, seq_day, last_value) values (?, ?, 0)")
                        .params(unit, day).update());
            } catch (DuplicateKeyException madeByAnotherNode) {
                // the row exists, which is all we need
            }
            if (increment(unit, day) == 0) {
                throw new IllegalStateException("could not number a record for " + unit + " on " + day);
            }
        }
        return jdbc.sql("select last_value from record_code_sequence where unit = ? and seq_day = ?")
                .params(unit, day).query(Integer.class).single();
    }

    /** The next number of a unit's results in a year (số văn bản), unique across nodes. */
    int nextDocumentNumber(String unit, int year) {
        return nextSequence(unit + "#documents", LocalDate.of(year, 1, 1));
    }

    private int increment(String unit, LocalDate day) {
        return jdbc.sql("update record_code_sequence set last_value = last_value + 1 where unit = ? and seq_day = ?")
                .params(unit, day).update();
    }

    void insert(RecordRow r, String trackingSecretHash) {
        READ.get().ifPresent(read -> read.put(r.code(), r));
        LOCKED.get().ifPresent(locked -> locked.add(r.code())); // a row inserted is the inserter's until commit
        jdbc.sql("""
                insert into record (code, procedure_code, procedure_name, process_key, process_instance_id, unit,
                  channel, applicant_personal_id, applicant_name, applicant_phone, applicant_email, applicant_address,
                  state, current_step, tracking_secret_hash, submitted_by, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.code(), r.procedureCode(), r.procedureName(), r.processKey(), r.processInstanceId(),
                        r.unit(), r.channel().code(), r.applicant().personalId(),
                        r.applicant().name() == null ? "" : r.applicant().name(), // "" until a registry names them
                        r.applicant().phone(), r.applicant().email(), r.applicant().address(), r.state().code(),
                        r.currentStep(), trackingSecretHash, r.submittedBy(), ts(r.submittedAt()))
                .update();
    }

    /**
     * The record, read at most once per transaction (issue #17: a case read it 31 times, once per engine
     * listener): the row is kept for the rest of the transaction, and every change made here forgets it.
     */
    Optional<RecordRow> find(String code) {
        Map<String, RecordRow> read = READ.get().orElse(null);
        RecordRow known = read == null ? null : read.get(code);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<RecordRow> row = jdbc.sql("select * from record where code = ?").param(code)
                .query(RecordRepository::row).optional();
        if (read != null) {
            row.ifPresent(r -> read.put(code, r));
        }
        return row;
    }

    /**
     * Locks the row for the rest of the transaction, so concurrent state changes queue up. A transaction that
     * holds the lock already (it locked or inserted the row) gets the row it keeps.
     */
    Optional<RecordRow> findForUpdate(String code) {
        Set<String> locked = LOCKED.get().orElse(null);
        RecordRow known = READ.get().map(read -> read.get(code)).orElse(null);
        if (known != null && locked != null && locked.contains(code)) {
            return Optional.of(known);
        }
        Optional<RecordRow> row = jdbc.sql("select * from record where code = ? for update").param(code)
                .query(RecordRepository::row).optional();
        READ.get().ifPresent(read -> row.ifPresentOrElse(r -> read.put(code, r), () -> read.remove(code)));
        if (locked != null && row.isPresent()) {
            locked.add(code);
        }
        return row;
    }

    /** A change the row kept for this transaction can make itself (the commonest: state, step). */
    private static void changed(String code, java.util.function.UnaryOperator<RecordRow> change) {
        READ.get().ifPresent(read -> read.computeIfPresent(code, (key, row) -> change.apply(row)));
    }

    /** A change to the row: the next read in this transaction goes to the database. */
    private static void forget(String code) {
        READ.get().ifPresent(read -> read.remove(code));
    }

    Optional<String> trackingSecretHash(String code) {
        return jdbc.sql("select tracking_secret_hash from record where code = ?").param(code)
                .query(String.class).optional();
    }

    void setProcessInstance(String code, String processInstanceId) {
        changed(code, row -> row.withProcessInstance(processInstanceId));
        jdbc.sql("update record set process_instance_id = ? where code = ?").params(processInstanceId, code).update();
    }

    /** The applicant's name as the population registry has it (declare once). */
    void setApplicantName(String code, String name) {
        forget(code);
        jdbc.sql("update record set applicant_name = ? where code = ?").params(name, code).update();
    }

    /**
     * Moves the record to {@code step} unless it is closed or in one of {@code changing} (the states the
     * step's start moves it out of, which the caller then handles); true when it moved. Decided on the row
     * this transaction keeps, or else by the update's own condition, without reading the row.
     */
    boolean moveStepUnless(String code, String step, Set<RecordState> changing) {
        RecordRow known = READ.get().map(read -> read.get(code)).orElse(null);
        if (known != null) {
            if (known.state().isFinal() || changing.contains(known.state())) {
                return false;
            }
            setCurrentStep(code, step);
            return true;
        }
        List<Integer> staying = java.util.Arrays.stream(RecordState.values())
                .filter(state -> !state.isFinal() && !changing.contains(state)).map(RecordState::code).toList();
        return jdbc.sql("update record set current_step = :step where code = :code and state in (:states)")
                .param("step", step).param("code", code).param("states", staying).update() == 1;
    }

    void setCurrentStep(String code, String step) {
        changed(code, row -> row.withCurrentStep(step));
        jdbc.sql("update record set current_step = ? where code = ?").params(step, code).update();
    }

    void setState(String code, RecordState state) {
        changed(code, row -> row.withState(state));
        jdbc.sql("update record set state = ? where code = ?").params(state.code(), code).update();
    }

    void setAccepted(String code, Instant acceptedAt, Instant appointmentAt) {
        changed(code, row -> row.withAccepted(acceptedAt, appointmentAt));
        jdbc.sql("update record set accepted_at = ?, appointment_at = ? where code = ?")
                .params(ts(acceptedAt), ts(appointmentAt), code).update();
    }

    /** The records clerk issued the result (the seal may still be on its way): no withdrawal from now on. */
    void setIssued(String code, Instant issuedAt) {
        jdbc.sql("update record set issued_at = ? where code = ? and issued_at is null").params(ts(issuedAt), code)
                .update();
    }

    /** When the records clerk issued the record's result, if they have. */
    Optional<Instant> issuedAt(String code) {
        return jdbc.sql("select issued_at from record where code = ? and issued_at is not null").param(code)
                .query((rs, n) -> instant(rs, "issued_at")).optional();
    }

    void setAppointment(String code, Instant appointmentAt) {
        forget(code);
        jdbc.sql("update record set appointment_at = ? where code = ?").params(ts(appointmentAt), code).update();
    }

    void setPausedAt(String code, Instant pausedAt) {
        changed(code, row -> row.withPause(pausedAt, row.pausedSeconds(), row.appointmentAt()));
        jdbc.sql("update record set paused_at = ? where code = ?").params(ts(pausedAt), code).update();
    }

    /** Ends a pause: adds its working time to the total and moves the appointment date. */
    void resume(String code, Duration paused, Instant appointmentAt) {
        changed(code, row -> row.withPause(null, row.pausedSeconds() + paused.toSeconds(), appointmentAt));
        jdbc.sql("""
                update record set paused_at = null, paused_seconds = paused_seconds + ?, appointment_at = ?
                where code = ?""")
                .params(paused.toSeconds(), ts(appointmentAt), code).update();
    }

    void setClosed(String code, Instant closedAt) {
        changed(code, row -> row.closedAt() == null ? row.withClosed(closedAt) : row);
        jdbc.sql("update record set closed_at = ? where code = ? and closed_at is null").params(ts(closedAt), code)
                .update();
    }

    /** Sets the rating once; false when it was rated already. */
    boolean rate(String code, int score, String comment, Instant at) {
        forget(code);
        return jdbc.sql("update record set rating = ?, rating_comment = ?, rated_at = ? where code = ? and rating is null")
                .params(score, comment, ts(at), code).update() == 1;
    }

    void addStateChange(String code, RecordState from, RecordState to, String step, String actor, String note,
            Instant at) {
        jdbc.sql("""
                insert into record_state_change (record_code, from_state, to_state, step, actor, note, changed_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(code, from == null ? null : from.code(), to.code(), step, actor, note, ts(at)).update();
    }

    /** Notes that the record's process asked these groups of other units (a consultation), once each. */
    void addAskedGroups(String code, java.util.Collection<String> groups, Instant at) {
        for (String group : groups) {
            jdbc.sql("""
                    insert into record_asked_group (record_code, group_id, asked_at)
                    select ?, ?, ? where not exists (select 1 from record_asked_group where record_code = ? and group_id = ?)""")
                    .params(code, group, ts(at), code, group).update();
        }
    }

    /** Whether the record's process asked one of these groups. */
    boolean askedAnyOf(String code, java.util.Collection<String> groups) {
        return !groups.isEmpty() && jdbc.sql("select count(*) from record_asked_group where record_code = :code and group_id in (:groups)")
                .param("code", code).param("groups", groups).query(Long.class).single() > 0;
    }

    List<StateChange> stateChanges(String code) {
        return jdbc.sql("select * from record_state_change where record_code = ? order by id").param(code)
                .query((rs, n) -> new StateChange(
                        rs.getObject("from_state") == null ? null : RecordState.require(rs.getInt("from_state")),
                        RecordState.require(rs.getInt("to_state")), rs.getString("step"), rs.getString("actor"),
                        rs.getString("note"), instant(rs, "changed_at")))
                .list();
    }

    Optional<String> recordForIdempotencyKey(String client, String key, String requestHash) {
        return jdbc.sql("select record_code, request_hash from record_idempotency_key where client = ? and idem_key = ?")
                .params(client, key)
                .query((rs, n) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        throw Problem.conflict("Idempotency-Key",
                                "the Idempotency-Key '" + key + "' was used before for a different request");
                    }
                    return rs.getString("record_code");
                })
                .optional();
    }

    void saveIdempotencyKey(String client, String key, String requestHash, String recordCode, Instant at) {
        jdbc.sql("insert into record_idempotency_key (client, idem_key, request_hash, record_code, created_at) values (?, ?, ?, ?, ?)")
                .params(client, key, requestHash, recordCode, ts(at)).update();
    }

    private static RecordRow row(ResultSet rs, int rowNum) throws SQLException {
        return new RecordRow(rs.getString("code"), rs.getString("procedure_code"), rs.getString("procedure_name"),
                rs.getString("process_key"), rs.getString("process_instance_id"), rs.getString("unit"),
                Channel.ofCode(rs.getInt("channel")).orElseThrow(),
                new Applicant(rs.getString("applicant_personal_id"), rs.getString("applicant_name"),
                        rs.getString("applicant_phone"), rs.getString("applicant_email"),
                        rs.getString("applicant_address")),
                RecordState.require(rs.getInt("state")), rs.getString("current_step"), rs.getString("submitted_by"),
                instant(rs, "submitted_at"), instant(rs, "accepted_at"), instant(rs, "appointment_at"),
                instant(rs, "closed_at"), (Integer) rs.getObject("rating", Integer.class),
                rs.getString("rating_comment"), instant(rs, "rated_at"), instant(rs, "paused_at"),
                rs.getLong("paused_seconds"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** One line of a record's history. */
    record StateChange(RecordState from, RecordState to, String step, String actor, String note, Instant at) {
    }
}
