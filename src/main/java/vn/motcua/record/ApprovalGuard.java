package vn.motcua.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import vn.motcua.procedure.ModelProperties;
import vn.motcua.security.SystemAuthority;
import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureVerifier;
import vn.motcua.web.ReplayedRequest;

/**
 * The approval guard: the leader approves by signing, so approval may be completed only when the
 * current draft carries a valid signature by the approving leader ({@link #requireSignedBy}).
 *
 * <p>Refuses with 400, before the engine is asked, to complete an approval step with the decision
 * "approve" when the result carries no valid signature by the approving leader — over the REST
 * API ({@code /engine-rest/task/{id}/complete}) and from Tasklist ({@code …/submit-form}), which
 * then shows the message. The same check runs again inside the engine ({@link EngineDoor})
 * for any other caller, where the engine can only answer with a server error.
 */
@Component
class ApprovalGuard extends OncePerRequestFilter {

    /** Also with a trailing slash or matrix parameters, which Jersey routes to the same resource. */
    private static final Pattern COMPLETION = Pattern.compile(".*/task/([^/;]+)(;[^/]*)?/(complete|submit-form)(;[^/]*)?/?$");

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final SystemAuthority system;
    private final DocumentStore documents;
    private final SignatureVerifier verifier;
    private final ObjectMapper json;

    ApprovalGuard(TaskService tasks, RuntimeService runtime, RepositoryService repository, SystemAuthority system,
            DocumentStore documents, SignatureVerifier verifier, ObjectMapper json) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.repository = repository;
        this.system = system;
        this.documents = documents;
        this.verifier = verifier;
        this.json = json;
    }

    /**
     * Approval may be completed only when the current draft carries a valid signature by the
     * approving leader; otherwise Tasklist and the REST API get a 400 with what to do.
     */
    void requireSignedBy(String code, String userId) {
        var draft = documents.latest(code, DocumentKind.RESULT_DRAFT);
        var signed = documents.latest(code, DocumentKind.RESULT_SIGNED);
        String how = "Ký số kết quả trước khi phê duyệt / Sign the result before approving: POST /api/records/"
                + code + "/signature with your PIN, or upload the PDF signed with your token (docs/signatures.md).";
        if (draft.isEmpty()) {
            throw new BadUserRequestException("Hồ sơ " + code + " chưa có dự thảo kết quả / record " + code
                    + " has no drafted result to approve; appraisal drafts it when proposing to approve");
        }
        if (signed.isEmpty() || signed.get().createdAt().isBefore(draft.get().createdAt())) {
            throw new BadUserRequestException("Kết quả của hồ sơ " + code + " chưa được " + userId
                    + " ký số / the result of record " + code + " is not signed by " + userId + ". " + how);
        }
        try {
            verifier.expectSigner(verifier.verify(signed.get().content()), userId);
        } catch (SignatureException e) {
            throw new BadUserRequestException("Chữ ký trên kết quả của hồ sơ " + code + " không hợp lệ / the signature "
                    + "on the result of record " + code + " is not valid: " + e.getMessage() + ". " + how);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !COMPLETION.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        Matcher matcher = COMPLETION.matcher(request.getRequestURI());
        String refusal = matcher.matches() ? refusal(matcher.group(1), body) : null;
        if (refusal != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(json.writeValueAsString(Map.of("type", "BadUserRequestException",
                    "message", refusal)));
            return;
        }
        chain.doFilter(new ReplayedRequest(request, body), response);
    }

    /** Why this completion must be refused, or null to let it through. */
    private String refusal(String taskId, byte[] body) {
        if (!"approve".equals(decision(body))) {
            return null;
        }
        return system.call(() -> {
            Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
            if (task == null || task.getProcessDefinitionId() == null) {
                return null;
            }
            var element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
                    .getModelElementById(task.getTaskDefinitionKey());
            if (!"approval".equals(ModelProperties.of(element).get("step"))) {
                return null;
            }
            var instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                    .singleResult();
            if (instance == null || instance.getBusinessKey() == null) {
                return null;
            }
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            String leader = task.getAssignee() != null ? task.getAssignee() : user == null ? null : user.getName();
            try {
                requireSignedBy(instance.getBusinessKey(), leader);
                return null;
            } catch (BadUserRequestException e) {
                return e.getMessage();
            }
        });
    }

    /** {@code variables.approvalDecision.value} of the completion's JSON body, if any. */
    private String decision(byte[] body) {
        try {
            JsonNode value = json.readTree(new String(body, StandardCharsets.UTF_8)).path("variables")
                    .path("approvalDecision").path("value");
            return value.isTextual() ? value.asText() : null;
        } catch (IOException e) {
            return null; // not JSON: the engine answers for itself
        }
    }
}
