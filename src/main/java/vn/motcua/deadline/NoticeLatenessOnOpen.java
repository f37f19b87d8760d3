package vn.motcua.deadline;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.motcua.security.SystemAuthority;

/**
 * A notice's form shows how late its step is "as of now": when Tasklist loads the form's variables
 * of a notice task ({@code GET …/task/{id}/form-variables}, through engine-rest or the webapps'
 * engine API), the lateness in working time is worked out again first. Runs after sign-in (a
 * request without a user changes nothing) and only for open notices; the engine then answers
 * the request with the user's own rights as usual.
 */
@Component
class NoticeLatenessOnOpen extends OncePerRequestFilter {

    private static final Pattern FORM_VARIABLES = Pattern.compile(
            "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/form-variables$");

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final SystemAuthority system;
    private final Deadlines deadlines;
    private final JdbcClient jdbc;

    NoticeLatenessOnOpen(TaskService taskService, RuntimeService runtimeService, SystemAuthority system,
            Deadlines deadlines, JdbcClient jdbc) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.system = system;
        this.deadlines = deadlines;
        this.jdbc = jdbc;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getUserPrincipal() == null
                || !FORM_VARIABLES.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = FORM_VARIABLES.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (path.matches()) {
            refresh(path.group(1));
        }
        chain.doFilter(request, response);
    }

    /** Sets the notice's {@code lateness} and {@code latenessAt} to what they are now. */
    void refresh(String noticeTaskId) {
        system.run(() -> {
            Task notice = taskService.createTaskQuery().taskId(noticeTaskId)
                    .processDefinitionKey(EscalationService.NOTICE_PROCESS).singleResult();
            if (notice == null) {
                return;
            }
            Instant due = jdbc.sql("select due_at from escalation_notice where notice_task_id = ?").param(noticeTaskId)
                    .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant).orElse(null);
            if (due == null) {
                return;
            }
            Instant now = deadlines.now();
            runtimeService.setVariables(notice.getProcessInstanceId(), Map.of(
                    "lateness", Lateness.text(deadlines.lateBy(due, now), deadlines.calendar().workingDayLength()),
                    "latenessAt", NoticeTexts.at(now, deadlines.calendar().zone())));
        });
    }
}
