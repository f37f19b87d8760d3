import java.io.*;
import java.nio.file.*;
import java.util.*;
import org.operaton.bpm.engine.*;
import org.operaton.bpm.engine.repository.*;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.model.bpmn.*;
import org.operaton.bpm.model.bpmn.instance.*;

/** Does Operaton read the product's camunda:-namespaced models and its "Camunda Platform" forms? */
public class ModelProbe {
  public static void main(String[] args) throws Exception {
    Path root = Paths.get(args[0]);
    List<Path> models = new ArrayList<>();
    for (String dir : List.of("processes", "src/main/resources/system"))
      try (var s = Files.list(root.resolve(dir))) { s.filter(p -> p.toString().endsWith(".bpmn")).sorted().forEach(models::add); }
    List<Path> forms = new ArrayList<>();
    try (var s = Files.list(root.resolve("forms"))) { s.filter(p -> p.toString().endsWith(".form")).sorted().forEach(forms::add); }
    int fail = 0;
    // 1. the model API: camunda: attributes read through getOperaton*()
    for (Path m : models) {
      BpmnModelInstance model = Bpmn.readModelFromFile(m.toFile());
      Collection<UserTask> tasks = model.getModelElementsByType(UserTask.class);
      long withGroups = tasks.stream().filter(t -> t.getOperatonCandidateGroups() != null).count();
      long withFormRef = tasks.stream().filter(t -> t.getOperatonFormRef() != null).count();
      String ttl = model.getModelElementsByType(org.operaton.bpm.model.bpmn.instance.Process.class).stream()
          .map(p -> p.getOperatonHistoryTimeToLiveString()).filter(Objects::nonNull).findFirst().orElse(null);
      boolean ok = tasks.isEmpty() || (withGroups == tasks.size() && ttl != null);
      if (!ok) fail++;
      System.out.printf("%s model %s: %d user tasks, %d with candidateGroups, %d with formRef, historyTimeToLive=%s%n",
          ok ? "ok  " : "FAIL", root.relativize(m), tasks.size(), withGroups, withFormRef, ttl);
    }
    // 2. the engine: deploy the models and the forms; run a camunda:-namespaced user task with a formRef
    ProcessEngine engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:operaton-probe;DB_CLOSE_DELAY=-1").setHistory("full").buildProcessEngine();
    try {
      RepositoryService repo = engine.getRepositoryService();
      DeploymentBuilder d = repo.createDeployment().name("probe");
      for (Path p : models) d.addInputStream(p.getFileName().toString(), Files.newInputStream(p));
      for (Path p : forms) d.addInputStream(p.getFileName().toString(), Files.newInputStream(p));
      String probe = """
          <?xml version="1.0" encoding="UTF-8"?>
          <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
            <bpmn:process id="probe" isExecutable="true" camunda:historyTimeToLive="1">
              <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
              <bpmn:userTask id="t" camunda:candidateGroups="probe-group" camunda:formRef="%s" camunda:formRefBinding="latest"/>
              <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
            </bpmn:process>
          </bpmn:definitions>""";
      d.addString("probe.bpmn", String.format(probe, topLevelId(forms.get(0))));
      Deployment dep = d.deploy();
      long defs = repo.createProcessDefinitionQuery().deploymentId(dep.getId()).count();
      System.out.printf("ok   engine: deployed %d process definitions (%d models + probe) and %d forms%n", defs, models.size(), forms.size());
      engine.getRuntimeService().startProcessInstanceByKey("probe");
      Task t = engine.getTaskService().createTaskQuery().taskCandidateGroup("probe-group").initializeFormKeys().singleResult();
      if (t == null) { fail++; System.out.println("FAIL engine: camunda:candidateGroups not applied"); }
      else {
        var ref = t.getOperatonFormRef();
        System.out.printf("%s engine: camunda:candidateGroups applied; camunda:formRef -> %s%n", ref == null ? "FAIL" : "ok  ", ref == null ? null : ref.getKey() + " (" + ref.getBinding() + ")");
        if (ref == null) fail++;
        try (InputStream in = engine.getFormService().getDeployedTaskForm(t.getId())) {
          String json = new String(in.readAllBytes());
          System.out.printf("ok   engine: the deployed form (executionPlatform \"%s\") is served for the task (%d bytes)%n",
              json.replaceAll("(?s).*\"executionPlatform\"\\s*:\\s*\"([^\"]*)\".*", "$1"), json.length());
        } catch (Exception e) { fail++; System.out.println("FAIL engine: getDeployedTaskForm: " + e); }
      }
    } catch (Exception e) {
      fail++; System.out.println("FAIL engine: " + e);
    } finally { engine.close(); }
    System.out.println(fail == 0 ? "PASS models" : "FAIL models: " + fail + " problem(s)");
    System.exit(fail == 0 ? 0 : 1);
  }
  /** The form's top-level "id" (the last "id" at brace depth 1). */
  static String topLevelId(Path form) throws IOException {
    String s = Files.readString(form); int depth = 0; String last = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') { int j = s.indexOf('"', i + 1); String k = s.substring(i + 1, j);
        if (depth == 1 && k.equals("id")) { int q1 = s.indexOf('"', s.indexOf(':', j) + 1); last = s.substring(q1 + 1, s.indexOf('"', q1 + 1)); }
        i = j; }
      else if (c == '{' || c == '[') depth++; else if (c == '}' || c == ']') depth--;
    }
    return last;
  }
}
