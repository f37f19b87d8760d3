package vn.motcua.bench;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The bare engine running a process of the product's shape, without any of the product's code: what
 * the engine itself must do for the way motcua models a procedure. Between the bare case (five user
 * tasks) and the product, it splits the gap into the engine's share and ours:
 * <ul>
 * <li>the applicant's form as 13 start variables;</li>
 * <li>each step a user task with due and follow-up dates and the escalation's two timeout listeners
 * (a timer each, at the deadline and at the next level), and on create a task-local colour and an
 * execution variable for the step's deadline, as the clock feature writes;</li>
 * <li>three asynchronous registry lookups after reception, each writing 8 values plus the sources and
 * mismatch texts, run by the worker as the product's benchmark does;</li>
 * <li>the drawn work as service tasks doing nothing: the receipt after reception, the draft before
 * approval, and the seal after issuing as an asynchronous job.</li>
 * </ul>
 * No authorization checks, records, documents, PDFs, signatures or monitoring.
 */
final class ShapedCase {

    static final String KEY = "bare-shaped-case";
    private static final String[] STEPS = {"Reception", "Appraisal", "Approval", "Issuing", "Result"};

    private ShapedCase() {
    }

    static BpmnModelInstance model() {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(3650)
                .startEvent("Start");
        for (String step : STEPS) {
            String task = "Task_" + step;
            flow = flow.userTask(task).camundaCandidateGroups("commune-a:" + step.toLowerCase())
                    .camundaDueDate("${due}").camundaFollowUpDate("${followUp}")
                    .camundaTaskListenerClass("create", StepClock.class)
                    .camundaTaskListenerClassTimeoutWithDate("Escalate_" + step + "_Leaders", Escalate.class, "${due}")
                    .camundaTaskListenerClassTimeoutWithDate("Escalate_" + step + "_NextLevel", Escalate.class, "${nextLevel}");
            if (step.equals("Reception")) {
                flow = flow.serviceTask("Service_Receipt").camundaClass(BareEngine.NoOp.class.getName());
                for (String lookup : List.of("mother", "father", "household")) {
                    flow = flow.serviceTask("Lookup_" + lookup).camundaAsyncBefore()
                            .camundaClass(Lookup.class.getName());
                }
            } else if (step.equals("Appraisal")) {
                flow = flow.serviceTask("Service_DraftResult").camundaClass(BareEngine.NoOp.class.getName());
            } else if (step.equals("Issuing")) {
                flow = flow.serviceTask("Service_Seal").camundaAsyncBefore().camundaClass(BareEngine.NoOp.class.getName());
            }
        }
        return flow.endEvent("End").done();
    }

    /** One case: start, reception, the lookup jobs, then appraisal to result; as the product's benchmark drives it. */
    static void run(BareEngine bare, int n, Phases phases) {
        var runtime = bare.engine.getRuntimeService();
        TaskService tasks = bare.engine.getTaskService();
        long t = System.nanoTime();
        Map<String, Object> form = new LinkedHashMap<>();
        for (String name : List.of("childFullName", "childDateOfBirth", "motherPersonalId", "fatherPersonalId",
                "applicantPersonalId", "applicantName", "applicantPhone", "applicantEmail", "applicantAddress",
                "recordCode", "unit", "channel")) {
            form.put(name, name + "-" + n);
        }
        form.put("due", new Date(System.currentTimeMillis() + 5 * 86_400_000L));
        form.put("followUp", new Date(System.currentTimeMillis() + 4 * 86_400_000L));
        form.put("nextLevel", new Date(System.currentTimeMillis() + 6 * 86_400_000L));
        String pi = runtime.startProcessInstanceByKey(KEY, "shaped-" + n, form).getId();
        t = phases.add("start", t);
        Map<String, Map<String, Object>> completions = Map.of(
                "Reception", Map.of("receptionDecision", "accept"),
                "Appraisal", Map.of("proposal", "approve"),
                "Approval", Map.of("approvalDecision", "approve"),
                "Issuing", Map.of("issuedOn", "2026-12-01", "documentNumber", n + "/2026/commune-a"),
                "Result", Map.of("deliveryChannel", "portal", "resultDelivered", true));
        for (String step : STEPS) {
            Task task = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_" + step).singleResult();
            tasks.claim(task.getId(), "user-" + step);
            tasks.complete(task.getId(), completions.get(step));
            t = phases.add(step.toLowerCase(), t);
            if (step.equals("Reception")) {
                runJobs(bare.engine.getManagementService(), pi);
                t = phases.add("lookups(jobs)", t);
            } else if (step.equals("Issuing")) {
                runJobs(bare.engine.getManagementService(), pi);
                t = phases.add("seal(job)", t);
            }
        }
    }

    private static void runJobs(ManagementService management, String pi) {
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(pi).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    /** The escalation's timeout listener (never due within a case). */
    public static class Escalate implements TaskListener {
        @Override
        public void notify(DelegateTask task) {
            // nothing: a case ends long before its deadlines
        }
    }

    /** As the clock feature: the task's colour (local) and the step's deadline (for pauses) on create. */
    public static class StepClock implements TaskListener {
        @Override
        public void notify(DelegateTask task) {
            task.setVariableLocal("colour", "green");
            task.getExecution().setVariable("stepDue:" + task.getTaskDefinitionKey() + ":"
                    + task.getExecution().getActivityInstanceId(), task.getDueDate());
        }
    }

    /** As a registry lookup: eight values, and the sources and mismatch texts rewritten. */
    public static class Lookup implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            String prefix = execution.getCurrentActivityId().substring("Lookup_".length());
            for (String field : List.of("FullName", "DateOfBirth", "Sex", "PermanentResidence", "Ethnicity",
                    "Nationality", "Deceased", "Source")) {
                execution.setVariable(prefix + field, prefix + field + "-value");
            }
            execution.setVariable("registrySources", "sources after " + prefix);
            execution.setVariable("registryMismatches", "none");
        }
    }
}
