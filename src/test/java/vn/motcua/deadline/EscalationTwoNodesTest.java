package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.deadline.EscalationTestModel.MONDAY_MORNING;
import static vn.motcua.deadline.EscalationTestModel.notices;
import static vn.motcua.deadline.EscalationTestModel.outboxRecipients;
import static vn.motcua.deadline.EscalationTestModel.timer;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import vn.motcua.deadline.EscalationTestModel.NoticeRow;
import vn.motcua.support.AppInstance;
import vn.motcua.notice.NoticeMailer;

/**
 * Exactly once with two nodes on one PostgreSQL: each escalation job is executed by both nodes
 * at the same moment, and both nodes relay the outbox at the same moment; there is one notice per
 * level and one e-mail per leader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationTwoNodesTest {

    @TempDir
    static Path emptyDir;

    EmbeddedPostgres postgres;
    GreenMail smtp;
    AppInstance nodeA;
    AppInstance nodeB;
    ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeAll
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path processes = Files.createDirectories(emptyDir.resolve("processes"));
        Path forms = Files.createDirectories(emptyDir.resolve("forms"));
        String[] args = {"--camunda.bpm.job-execution.enabled=false", "--motcua.notices.mail-poll-interval=PT1H",
                "--spring.mail.host=localhost", "--spring.mail.port=" + port};
        nodeA = AppInstance.start(postgres, processes, forms, args);
        nodeB = AppInstance.start(postgres, processes, forms, args);
        EscalationTestModel.deploy(nodeA.bean(RepositoryService.class));
    }

    @AfterAll
    void stop() throws Exception {
        threads.shutdownNow();
        for (AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void bothNodesRunningEveryEscalationJobAtOnceMakeOneNoticePerLevelAndOneEmailPerLeader() throws Exception {
        String code = "commune-a-20300304-00021";
        String pid = EscalationTestModel.start(nodeA.bean(RuntimeService.class), code, "commune-a", MONDAY_MORNING,
                MONDAY_MORNING.plus(Duration.ofHours(2)));
        ManagementService jobsA = nodeA.bean(ManagementService.class);
        JdbcClient jdbc = nodeA.bean(JdbcClient.class);

        for (int level = 1; level <= 2; level++) {
            Job timer = timer(jobsA, pid);
            ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 60_000));
            bothNodesExecute(timer.getId());
            if (jobsA.createJobQuery().jobId(timer.getId()).count() > 0) {
                // both attempts failed (e.g. each saw the other's lock): the engine would retry; so do we
                bothNodesExecute(timer.getId());
            }
            assertThat(notices(jdbc, pid)).extracting(NoticeRow::level).hasSize(level);
        }

        assertThat(notices(jdbc, pid)).extracting(NoticeRow::level, NoticeRow::group)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "commune-a:leader"),
                        org.assertj.core.groups.Tuple.tuple(2, "province:leader"));
        assertThat(outboxRecipients(jdbc, pid)).containsExactly("leader-a@demo.motcua.vn", "leader-p@demo.motcua.vn");
        assertThat(nodeB.bean(org.camunda.bpm.engine.TaskService.class).createTaskQuery()
                .taskVariableValueEquals(EscalationService.RECORD_CODE, code).count()).isEqualTo(2);

        // both nodes relay the outbox at once: the row locks let each e-mail leave once
        List<Integer> sent = both(() -> nodeA.bean(NoticeMailer.class).relay(),
                () -> nodeB.bean(NoticeMailer.class).relay());
        assertThat(sent.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(both(() -> nodeA.bean(NoticeMailer.class).relay(), () -> nodeB.bean(NoticeMailer.class).relay()))
                .containsOnly(0);
        Thread.sleep(300);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(Arrays.stream(received).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder("leader-a@demo.motcua.vn", "leader-p@demo.motcua.vn");
    }

    @Test
    void aRelayWaitsForAnotherNodesPassAndSkipsWhatItSentOrSendsWhatItRolledBack() throws Exception {
        String code = "commune-b-20300304-00022";
        String pid = EscalationTestModel.start(nodeB.bean(RuntimeService.class), code, "commune-b", MONDAY_MORNING,
                MONDAY_MORNING.plus(Duration.ofHours(2)));
        EscalationTestModel.fireTimerAndEscalate(nodeB.bean(ManagementService.class), pid);
        assertThat(outboxRecipients(nodeA.bean(JdbcClient.class), pid)).containsExactly("leader-b@demo.motcua.vn");

        for (boolean firstPassCommits : new boolean[] {true, false}) {
            if (!firstPassCommits) {
                nodeA.bean(JdbcClient.class).sql("update notice_outbox set sent_at = null where notice_id in"
                        + " (select id from escalation_notice where process_instance_id = ?)").param(pid).update();
            }
            // "node 1": a pass that has locked the unsent rows and marked them sent, not yet committed
            try (Connection first = postgres.getPostgresDatabase().getConnection()) {
                first.setAutoCommit(false);
                try (Statement statement = first.createStatement()) {
                    statement.executeQuery("select id from notice_outbox where sent_at is null for update").close();
                    statement.executeUpdate("update notice_outbox set sent_at = now() where sent_at is null");
                }
                Future<Integer> second = threads.submit(() -> nodeB.bean(NoticeMailer.class).relay());
                Thread.sleep(1_000);
                assertThat(second.isDone()).as("node B's pass waits for the row locks").isFalse();
                if (firstPassCommits) {
                    first.commit();
                    assertThat(second.get(10, TimeUnit.SECONDS)).as("what node 1 sent is skipped").isZero();
                } else {
                    first.rollback();
                    assertThat(second.get(10, TimeUnit.SECONDS)).as("what node 1 did not send is sent").isEqualTo(1);
                }
            }
        }
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        Thread.sleep(300);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).contains(code);
    }

    /** Both nodes execute the job at the same moment; one of them may lose (optimistic locking). */
    List<String> bothNodesExecute(String jobId) throws Exception {
        List<String> outcomes = both(() -> execute(nodeA, jobId), () -> execute(nodeB, jobId));
        System.out.println("job " + jobId + " on nodes A and B: " + outcomes);
        return outcomes;
    }

    static String execute(AppInstance node, String jobId) {
        try {
            node.bean(ManagementService.class).executeJob(jobId);
            return "done";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    <T> List<T> both(Callable<T> first, Callable<T> second) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> work : List.of(first, second)) {
            futures.add(threads.submit(() -> {
                barrier.await(10, TimeUnit.SECONDS);
                return work.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }
}
