package vn.motcua.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work queue (hàng đợi công việc): one row per open task and candidate group, kept by PostgreSQL
 * triggers on the engine's own tables, so Tasklist's lists and counts of a unit role read an index
 * instead of the engine's task query (its DISTINCT over identity links joined with an authorization
 * subquery the planner cannot estimate; docs/performance.md, "Tasklist at scale").
 *
 * <p>The rows are a projection of {@code ACT_RU_TASK}, {@code ACT_RU_IDENTITYLINK} (candidate groups) and
 * the task-local variable {@code noticeLevel} of {@code ACT_RU_VARIABLE}: the triggers change them in
 * the transaction that changes the engine's rows, whatever changed them (Tasklist, the API, the job
 * executor, another node), so they cannot drift. At start one node (an advisory lock) installs the
 * table and triggers when they are missing or of an older {@link #VERSION}, and fills the table from
 * the open tasks while the triggers' locks hold the engine's writers back: that is the migration of
 * running records.
 *
 * <p>PostgreSQL only. On H2 (the embedded demo default) Tasklist keeps the engine's query.
 */
@Component
@Order(40)
public class WorkQueue implements ApplicationRunner {

    /** Changes whenever the table or the triggers change: a node of the new version rebuilds both. */
    static final String VERSION = "motcua work queue v2";

    static final String NOTICE_LEVEL = "noticeLevel";

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

    /** Any constant, the same on every node: the advisory lock that lets one node install at a time. */
    private static final long INSTALL_LOCK = 0x6d6f74637561L;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transaction;
    private final boolean postgres;

    public WorkQueue(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(transactions);
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the database's product", e);
        }
    }

    /** Whether the queue exists here (PostgreSQL); else callers keep the engine's query. */
    public boolean available() {
        return postgres;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (postgres) {
            install();
        }
    }

    /** Installs or upgrades the table and triggers and fills the table; nothing when this version is in place. */
    void install() {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(INSTALL_LOCK).query().singleRow();
            if (installed()) {
                return;
            }
            long started = System.nanoTime();
            jdbc.sql("drop table if exists work_queue cascade").update();
            for (String statement : DDL) {
                jdbc.sql(statement).update();
            }
            int rows = fill();
            jdbc.sql("comment on table work_queue is '" + VERSION + "'").update();
            log.info("Work queue installed ({}): {} rows from the open tasks in {} ms", VERSION, rows,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        });
    }

    private boolean installed() {
        return jdbc.sql("""
                select obj_description(c.oid, 'pg_class') from pg_class c
                 where c.relname = 'work_queue' and c.relnamespace = current_schema()::regnamespace""")
                .query(String.class).optional().filter(VERSION::equals).isPresent()
                && jdbc.sql("select count(*) from pg_trigger where tgname like 'work\\_queue\\_%' and not tgisinternal")
                        .query(Long.class).single() == TRIGGERS;
    }

    /**
     * Fills the empty table from the open tasks. Called after the triggers were created in the same
     * transaction: their locks (SHARE ROW EXCLUSIVE on the three engine tables) keep every writer out
     * until it commits, so no change falls between this copy and the triggers.
     */
    private int fill() {
        return jdbc.sql("""
                insert into work_queue (task_id, group_id, task_key, created, due, follow_up, priority, suspended, notice_level)
                select t.id_, l.group_id_, t.task_def_key_, t.create_time_, t.due_date_, t.follow_up_date_, t.priority_,
                       t.suspension_state_ = 2, n.level
                  from act_ru_identitylink l
                  join act_ru_task t on t.id_ = l.task_id_
                  left join (select task_id_, max(coalesce(long_, double_)) as level from act_ru_variable
                              where name_ = 'noticeLevel' and task_id_ is not null group by task_id_) n on n.task_id_ = t.id_
                 where l.type_ = 'candidate' and l.group_id_ is not null
                on conflict do nothing""").update();
    }

    private static final int TRIGGERS = 6;

    private static final List<String> DDL = List.of("""
            create table work_queue (
              task_id      varchar(64)  not null,
              group_id     varchar(255) not null,
              task_key     varchar(255),
              created      timestamp,
              due          timestamp,
              follow_up    timestamp,
              priority     integer,
              suspended    boolean not null default false,
              notice_level double precision,
              primary key (group_id, task_id))""",
            "create index work_queue_created on work_queue (group_id, created, task_id)",
            // every column a list filters or sorts by: counts and pages are index-only scans (a role's 100 k tasks
            // counted without reading the table)
            "create index work_queue_due on work_queue (group_id, due, task_id) "
                    + "include (suspended, task_key, notice_level, created, follow_up, priority)",
            "create index work_queue_task on work_queue (task_id)",
            // a candidate group added to or taken from a task
            """
            create or replace function work_queue_link() returns trigger language plpgsql as $$
            begin
              if tg_op in ('DELETE', 'UPDATE') and old.type_ = 'candidate' and old.group_id_ is not null
                 and old.task_id_ is not null then
                delete from work_queue q where q.task_id = old.task_id_ and q.group_id = old.group_id_
                   and not exists (select 1 from act_ru_identitylink l where l.task_id_ = old.task_id_
                                      and l.group_id_ = old.group_id_ and l.type_ = 'candidate');
              end if;
              if tg_op in ('INSERT', 'UPDATE') and new.type_ = 'candidate' and new.group_id_ is not null
                 and new.task_id_ is not null then
                insert into work_queue (task_id, group_id, task_key, created, due, follow_up, priority, suspended, notice_level)
                select t.id_, new.group_id_, t.task_def_key_, t.create_time_, t.due_date_, t.follow_up_date_, t.priority_,
                       t.suspension_state_ = 2,
                       (select max(coalesce(v.long_, v.double_)) from act_ru_variable v
                         where v.task_id_ = t.id_ and v.name_ = 'noticeLevel')
                  from act_ru_task t where t.id_ = new.task_id_
                on conflict do nothing;
              end if;
              return null;
            end $$""",
            // the task's own columns the lists filter and sort by; the task's end
            """
            create or replace function work_queue_task() returns trigger language plpgsql as $$
            begin
              if tg_op = 'DELETE' then
                delete from work_queue where task_id = old.id_;
              else
                update work_queue set task_key = new.task_def_key_, created = new.create_time_, due = new.due_date_,
                       follow_up = new.follow_up_date_, priority = new.priority_, suspended = new.suspension_state_ = 2
                 where task_id = new.id_;
              end if;
              return null;
            end $$""",
            // the escalation notice's level, a task-local variable
            """
            create or replace function work_queue_notice() returns trigger language plpgsql as $$
            declare
              task varchar(64) := case when tg_op = 'DELETE' then old.task_id_ else new.task_id_ end;
            begin
              update work_queue set notice_level = (select max(coalesce(v.long_, v.double_)) from act_ru_variable v
                                                     where v.task_id_ = task and v.name_ = 'noticeLevel')
               where task_id = task;
              return null;
            end $$""",
            """
            create or replace trigger work_queue_link after insert or update or delete on act_ru_identitylink
              for each row execute function work_queue_link()""",
            """
            create or replace trigger work_queue_task_changed after update on act_ru_task for each row
              when (old.task_def_key_ is distinct from new.task_def_key_ or old.create_time_ is distinct from new.create_time_
                    or old.due_date_ is distinct from new.due_date_ or old.follow_up_date_ is distinct from new.follow_up_date_
                    or old.priority_ is distinct from new.priority_ or old.suspension_state_ is distinct from new.suspension_state_)
              execute function work_queue_task()""",
            "create or replace trigger work_queue_task_ended after delete on act_ru_task for each row execute function work_queue_task()",
            """
            create or replace trigger work_queue_notice_set after insert or update on act_ru_variable for each row
              when (new.name_ = 'noticeLevel' and new.task_id_ is not null) execute function work_queue_notice()""",
            """
            create or replace trigger work_queue_notice_moved after update on act_ru_variable for each row
              when (old.name_ = 'noticeLevel' and old.task_id_ is not null
                    and (new.task_id_ is distinct from old.task_id_ or new.name_ <> old.name_))
              execute function work_queue_notice()""",
            """
            create or replace trigger work_queue_notice_gone after delete on act_ru_variable for each row
              when (old.name_ = 'noticeLevel' and old.task_id_ is not null) execute function work_queue_notice()""");

    // ------------------------------------------------------------------ reading

    /** How a list is sorted: the columns Tasklist sorts by that the queue holds. */
    enum SortKey {
        CREATED("created", "created"), DUE_DATE("dueDate", "due"), FOLLOW_UP_DATE("followUpDate", "follow_up"),
        PRIORITY("priority", "priority");

        final String restName;
        final String column;

        SortKey(String restName, String column) {
            this.restName = restName;
            this.column = column;
        }

        static Optional<SortKey> of(String restName) {
            for (SortKey key : values()) {
                if (key.restName.equals(restName)) {
                    return Optional.of(key);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * What a list holds: tasks with a candidate group among {@code groups}, and optionally of one step, due
     * before an instant, with an escalation notice's level, not suspended.
     */
    record Selection(List<String> groups, String taskKey, Instant dueBefore, Double minNoticeLevel,
            boolean activeOnly) {

        String where(MapSqlParameterSource params, String groupParam) {
            StringBuilder where = new StringBuilder("q.group_id = :" + groupParam);
            if (taskKey != null) {
                where.append(" and q.task_key = :taskKey");
                params.addValue("taskKey", taskKey);
            }
            if (dueBefore != null) {
                where.append(" and q.due < :dueBefore");
                params.addValue("dueBefore", Timestamp.from(dueBefore));
            }
            if (minNoticeLevel != null) {
                where.append(" and q.notice_level >= :minNoticeLevel");
                params.addValue("minNoticeLevel", minNoticeLevel);
            }
            if (activeOnly) {
                where.append(" and not q.suspended");
            }
            return where.toString();
        }
    }

    /** How many tasks the selection holds (a task in two of the groups once). */
    long count(Selection selection) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < selection.groups().size(); i++) {
            params.addValue("g" + i, selection.groups().get(i));
            parts.add("select q.task_id from work_queue q where " + selection.where(params, "g" + i));
        }
        String sql = parts.size() == 1
                ? "select count(*) from (" + parts.get(0) + ") x"
                : "select count(distinct task_id) from (" + String.join(" union all ", parts) + ") x";
        Long count = named.queryForObject(sql, params, Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The ids of one page of the selection, in our filters' own order (due date first, as each filter's
     * query orders) and then the order asked, as the engine extends a filter's ordering with the one a
     * request gives; ties last by task id, so pages never overlap. Each group's own first
     * {@code first + max} rows come from its index; the page is cut from their union.
     */
    List<String> page(Selection selection, SortKey then, boolean descending, int first, int max) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String direction = descending ? "desc" : "asc";
        // as the engine's ORDER BY on PostgreSQL: nulls sort as the largest value
        String order = "due asc, sort_value " + direction + ", task_id asc";
        params.addValue("perGroup", first + max);
        params.addValue("first", first);
        params.addValue("max", max);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < selection.groups().size(); i++) {
            params.addValue("g" + i, selection.groups().get(i));
            parts.add("(select q.task_id, q.due, q." + then.column + " as sort_value from work_queue q where "
                    + selection.where(params, "g" + i) + " order by " + order + " limit :perGroup)");
        }
        return named.queryForList("select task_id from (" + String.join(" union ", parts) + ") q order by " + order
                + " offset :first limit :max", params, String.class);
    }

    /** Every row (tests compare it with the engine's tables). */
    List<Map<String, Object>> rows() {
        return jdbc.sql("select * from work_queue order by group_id, task_id").query().listOfRows();
    }
}
