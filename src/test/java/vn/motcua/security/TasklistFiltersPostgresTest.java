package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.motcua.support.AppInstance;
import vn.motcua.support.EmbeddedDatabase;

/** The Tasklist filters' contents on a real PostgreSQL (embedded binaries), and the work queue that answers them. */
class TasklistFiltersPostgresTest extends TasklistFiltersTest {

    final EmbeddedDatabase database = new EmbeddedDatabase();

    @Override
    AppInstance startApp(String... settings) {
        return database.startApp(Path.of("processes"), settings);
    }

    @Override
    void stopDatabase() throws IOException {
        database.close();
    }

    /** What the queue must hold: every candidate group of every open task, with the task's columns. */
    List<Map<String, Object>> truth() {
        return app.bean(JdbcClient.class).sql("""
                select t.id_ as task_id, l.group_id_ as group_id, t.task_def_key_ as task_key, t.create_time_ as created,
                       t.due_date_ as due, t.follow_up_date_ as follow_up, t.priority_ as priority,
                       t.suspension_state_ = 2 as suspended,
                       (select max(coalesce(v.long_, v.double_)) from act_ru_variable v
                         where v.task_id_ = t.id_ and v.name_ = 'noticeLevel') as notice_level
                  from act_ru_identitylink l join act_ru_task t on t.id_ = l.task_id_
                 where l.type_ = 'candidate' and l.group_id_ is not null
                 order by 2, 1""").query().listOfRows();
    }

    @Test
    void theEngineFindsTheGroupsWithGrantsByTheIndexWithTheAnswerOfItsOwnStatement() {
        org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine =
                (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) app.bean(
                        org.camunda.bpm.engine.ProcessEngine.class).getProcessEngineConfiguration();
        assertThat(engine.getDbSqlSessionFactory().mapStatement(AuthorizedGroupsPlugin.STATEMENT))
                .isEqualTo(AuthorizedGroupsPlugin.BY_INDEX);
        List<String> found = engine.getCommandExecutorTxRequired().execute(context -> context.getDbSqlSession()
                .selectList(AuthorizedGroupsPlugin.STATEMENT, null).stream().map(String::valueOf).sorted().toList());
        assertThat(found).hasSizeGreaterThan(10).isEqualTo(app.bean(JdbcClient.class).sql(
                "select distinct group_id_ from act_ru_authorization where group_id_ is not null order by 1")
                .query(String.class).list());
        assertThat(engine.getSqlSessionFactory().getConfiguration().getCache(AuthorizedGroupsPlugin.NAMESPACE).getSize())
                .as("the answer kept for the node's next commands").isEqualTo(1);
    }

    @Test
    void theQueueFollowsEveryChangeOfTheEnginesTasksAndIsRebuiltByANewVersion() {
        WorkQueue queue = app.bean(WorkQueue.class);
        assertThat(queue.available()).isTrue();
        assertThat(queue.rows()).as("after the records were made").hasSize(11).isEqualTo(truth());

        String code = submit(app.api(), "commune-a", "a-changed-then-deleted");
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(code).singleResult();
        assertThat(queue.rows()).hasSize(12).isEqualTo(truth());
        task.setDueDate(Date.from(NOW.minus(Duration.ofDays(2))));
        task.setPriority(80);
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), "commune-a:leader");
        taskService.setVariableLocal(task.getId(), WorkQueue.NOTICE_LEVEL, 2);
        RuntimeService runtime = app.bean(RuntimeService.class);
        runtime.suspendProcessInstanceById(task.getProcessInstanceId());
        assertThat(queue.rows()).as("moved, reprioritised, a group added, a notice level, suspended")
                .hasSize(13).isEqualTo(truth());
        assertThat(queue.rows()).filteredOn(row -> row.get("task_id").equals(task.getId()))
                .allSatisfy(row -> assertThat(row).containsEntry("suspended", true).containsEntry("priority", 80)
                        .containsEntry("notice_level", 2.0));
        runtime.activateProcessInstanceById(task.getProcessInstanceId());
        taskService.removeVariableLocal(task.getId(), WorkQueue.NOTICE_LEVEL);
        taskService.deleteCandidateGroup(task.getId(), "commune-a:leader");
        assertThat(queue.rows()).hasSize(12).isEqualTo(truth());
        runtime.deleteProcessInstance(task.getProcessInstanceId(), "test");
        assertThat(queue.rows()).as("the record's task gone").hasSize(11).isEqualTo(truth());

        // an older version's table (here: one that lost a row) is rebuilt from the open tasks
        JdbcClient jdbc = app.bean(JdbcClient.class);
        jdbc.sql("comment on table work_queue is 'motcua work queue v0'").update();
        jdbc.sql("delete from work_queue where group_id = 'commune-b:clerk'").update();
        queue.install();
        assertThat(queue.rows()).isEqualTo(truth());
        assertThat(jdbc.sql("select count(*) from pg_trigger where tgname like 'work_queue%'").query(Long.class).single())
                .isEqualTo(6);
        queue.install(); // this version in place: nothing to do
        assertThat(queue.rows()).isEqualTo(truth());
    }
}
