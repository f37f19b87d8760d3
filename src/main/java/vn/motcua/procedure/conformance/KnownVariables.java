package vn.motcua.procedure.conformance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.transform.dom.DOMSource;

import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.Tree;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

import vn.motcua.lookup.LookupSpec;
import vn.motcua.lookup.LookupType;

/**
 * Rule {@code known-variables}: every variable an expression ({@code ${…}} in a condition, a
 * candidate group, a due date, an input/output mapping …) names is provided by something: a field
 * of the application form, of the form of a user task before the expression, a lookup before it
 * ({@code <prefix><Field>}), the model itself (an error's message variable, a result variable, an
 * output mapping) or the product ({@link #SYSTEM_VARIABLES}). Beans and the engine's own names
 * ({@link #NOT_VARIABLES}) are not variables. Expressions are parsed with the engine's JUEL, so
 * only identifiers count ({@code deadlines.due(execution)} names the bean {@code deadlines} and
 * {@code execution}, not {@code due}); {@code execution.getVariable('x')} names {@code x}.
 *
 * <p>"Before" is "reachable from the provider's outgoing sequence flows": a task's form is
 * submitted when it completes, so a task's own candidate groups or due date cannot use it (its
 * output mappings and end/complete listeners can). A variable provided on some path before counts
 * (paths are not evaluated). An event subprocess sees only what is known from the start.
 */
final class KnownVariables {

    /**
     * Variables the product sets on every record or after its own steps (record, deadline, lookup,
     * signature features): {@code RecordService.processVariables}, the issuing step's document
     * number, the lookups' texts, Tasklist's colour. {@code KnownVariablesTest} checks this list
     * against the code that sets them.
     */
    static final Set<String> SYSTEM_VARIABLES = Set.of("unit", "recordCode", "channel", "applicantPersonalId",
            "applicantName", "applicantPhone", "applicantEmail", "applicantAddress", "documentNumber",
            "registrySources", "registryMismatches", "colour");

    /**
     * Names an expression may use that are not process variables: the engine's ({@code execution},
     * {@code task} …) and the product's beans meant for models.
     */
    static final Set<String> NOT_VARIABLES = java.util.stream.Stream.concat(
            ModelExpressions.ENGINE_NAMES.stream(), ModelExpressions.BEANS.stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Variables the engine sets inside a multi-instance activity. */
    private static final Set<String> MULTI_INSTANCE = Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances",
            "nrOfCompletedInstances");
    private static final Set<String> GET_VARIABLE = Set.of("getVariable", "getVariableLocal", "getVariableTyped",
            "getVariableLocalTyped");
    /** Elements whose text is not an expression (prose, literal field values, scripts, extension properties). */
    private static final Set<String> NOT_EXPRESSIONS = Set.of("documentation", "textAnnotation", "properties",
            "string", "script", "incoming", "outgoing");
    private static final Builder JUEL = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private KnownVariables() {
    }

    static List<Violation> check(ModelContext ctx) {
        return ctx.process().map(process -> new Check(ctx, process).run()).orElse(List.of());
    }

    private static final class Check {
        private final ModelContext ctx;
        private final Process process;
        private final Map<String, FlowElement> elements = new HashMap<>();
        private final Map<String, List<String>> next = new HashMap<>();
        /** Flow node id → its outgoing sequence flows (by sourceRef: foreign files may lack outgoing children). */
        private final Map<String, List<String>> flowsFrom = new HashMap<>();
        /** Element id → variables known there because something before it provides them. */
        private final Map<String, Set<String>> before = new HashMap<>();
        /** Element id → what it provides itself (its form, its lookup, its mappings). */
        private final Map<String, Set<String>> provides = new HashMap<>();
        /** Element id → variables local to it (input mappings, multi-instance). */
        private final Map<String, Set<String>> local = new HashMap<>();
        private final Set<String> global = new HashSet<>(SYSTEM_VARIABLES);
        /** The XML elements of the process by id, read once. */
        private final Map<String, Element> dom = new HashMap<>();

        Check(ModelContext ctx, Process process) {
            this.ctx = ctx;
            this.process = process;
        }

        List<Violation> run() {
            if (formMissing()) {
                return List.of(); // form-ref reports it; without the form, what it provides is unknown
            }
            Element root = processElement();
            if (root == null) {
                return List.of();
            }
            index(root);
            graph();
            providers();
            for (Map.Entry<String, Set<String>> provider : provides.entrySet()) {
                for (String reached : reachableAfter(provider.getKey())) {
                    before.computeIfAbsent(reached, k -> new HashSet<>()).addAll(provider.getValue());
                }
            }
            List<Violation> found = new ArrayList<>();
            walk(root, null, false, found, new HashSet<>());
            return found;
        }

        private void graph() {
            for (FlowElement element : ctx.inProcess(FlowElement.class)) {
                elements.put(element.getId(), element);
            }
            for (FlowElement element : elements.values()) {
                if (element instanceof SequenceFlow flow) {
                    edge(flow.getAttributeValue("sourceRef"), flow.getId());
                    flowsFrom.computeIfAbsent(flow.getAttributeValue("sourceRef"), k -> new ArrayList<>()).add(flow.getId());
                    edge(flow.getId(), flow.getAttributeValue("targetRef"));
                } else if (element instanceof BoundaryEvent boundary) {
                    edge(ModelContext.localRef(boundary.getAttributeValue("attachedToRef")), boundary.getId());
                } else if (element instanceof SubProcess sub && !sub.triggeredByEvent()) {
                    for (StartEvent start : sub.getChildElementsByType(StartEvent.class)) {
                        edge(sub.getId(), start.getId());
                    }
                }
            }
            for (FlowElement element : elements.values()) {
                if (element instanceof SubProcess sub && !sub.triggeredByEvent()) {
                    for (EndEvent end : sub.getChildElementsByType(EndEvent.class)) {
                        flowsFrom.getOrDefault(sub.getId(), List.of()).forEach(flow -> edge(end.getId(), flow));
                    }
                }
            }
        }

        private boolean formMissing() {
            for (FlowElement element : ctx.inProcess(FlowElement.class)) {
                String formRef = element instanceof UserTask task ? task.getCamundaFormRef()
                        : element instanceof StartEvent start ? start.getCamundaFormRef() : null;
                if (formRef != null && !formRef.isBlank() && !ctx.forms().contains(formRef.strip())) {
                    return true;
                }
            }
            return false;
        }

        private void edge(String from, String to) {
            if (from != null && to != null) {
                next.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
            }
        }

        private void providers() {
            for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
                global.addAll(ctx.forms().fieldKeys(start.getCamundaFormRef())); // the application form
            }
            for (FlowElement element : elements.values()) {
                if (element instanceof UserTask task) {
                    provide(task.getId(), ctx.forms().fieldKeys(task.getCamundaFormRef()));
                }
                if (element instanceof ServiceTask task && LookupRules.isLookup(task)) {
                    try {
                        LookupSpec spec = LookupSpec.parse(ModelContext.properties(task), task.getId());
                        Set<String> written = new LinkedHashSet<>();
                        for (String field : spec.type().fieldNames()) {
                            written.add(spec.variable(field));
                            written.add(spec.variable(field) + "Declared");
                        }
                        provide(task.getId(), written);
                    } catch (IllegalStateException e) {
                        // the lookup rule reports the bad configuration
                    }
                }
                if (element instanceof BoundaryEvent boundary) {
                    for (ErrorEventDefinition error : boundary.getChildElementsByType(ErrorEventDefinition.class)) {
                        provide(boundary.getId(), nonBlank(error.getCamundaErrorMessageVariable(),
                                error.getCamundaErrorCodeVariable()));
                    }
                }
                if (element instanceof FlowNode node) {
                    provide(node.getId(), nonBlank(node.getAttributeValueNs(CAMUNDA, "resultVariable")));
                    Element xml = dom.get(node.getId());
                    provide(node.getId(), names(xml, "outputParameter"));
                    Set<String> locals = new HashSet<>(names(xml, "inputParameter"));
                    if (node instanceof Activity activity && activity.getLoopCharacteristics()
                            instanceof MultiInstanceLoopCharacteristics multi) {
                        locals.addAll(MULTI_INSTANCE);
                        locals.addAll(nonBlank(multi.getCamundaElementVariable()));
                    }
                    if (!locals.isEmpty()) {
                        local.put(node.getId(), locals);
                    }
                }
            }
        }

        private void provide(String id, Set<String> variables) {
            if (!variables.isEmpty()) {
                provides.computeIfAbsent(id, k -> new HashSet<>()).addAll(variables);
            }
        }

        /** Everything reachable from the element's outgoing sequence flows (after it completed). */
        private Set<String> reachableAfter(String id) {
            Deque<String> queue = new ArrayDeque<>(flowsFrom.getOrDefault(id, List.of()));
            Set<String> seen = new HashSet<>();
            while (!queue.isEmpty()) {
                String current = queue.poll();
                if (seen.add(current)) {
                    queue.addAll(next.getOrDefault(current, List.of()));
                }
            }
            return seen;
        }

        private Element processElement() {
            org.w3c.dom.Node document = ((DOMSource) ctx.model().getDocument().getDomSource()).getNode();
            return find(document, process.getId());
        }

        private static Element find(org.w3c.dom.Node node, String processId) {
            if (node instanceof Element element && "process".equals(element.getLocalName())
                    && processId.equals(element.getAttribute("id"))) {
                return element;
            }
            for (org.w3c.dom.Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                Element found = find(child, processId);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        /**
         * Checks the expressions of an element and its children. {@code anchor} is the flow element
         * they belong to; {@code ownOutputs}: evaluated when the anchor completes (output mappings,
         * end/complete listeners), so what the anchor provides counts.
         */
        private void walk(Element element, String anchor, boolean ownOutputs, List<Violation> found, Set<String> reported) {
            String name = element.getLocalName();
            if (NOT_EXPRESSIONS.contains(name)) {
                return;
            }
            String id = element.getAttribute("id");
            String here = !id.isEmpty() && elements.containsKey(id) ? id : anchor;
            boolean own = ownOutputs || "outputParameter".equals(name)
                    || (name.endsWith("Listener") && Set.of("end", "complete", "take").contains(element.getAttribute("event")));
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String attributeName = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
                // candidate groups: unit-role already allows only ${unit} and application-form fields there
                if (!Set.of("id", "name", "sourceRef", "targetRef", "attachedToRef", "candidateGroups")
                        .contains(attributeName)) {
                    check(attribute.getValue(), here, own, attributeName, found, reported);
                }
            }
            boolean hasChildElements = false;
            for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element childElement) {
                    hasChildElements = true;
                    walk(childElement, here, own, found, reported);
                }
            }
            if (!hasChildElements) {
                check(element.getTextContent(), here, own, name, found, reported);
            }
        }

        private void check(String text, String anchor, boolean own, String where, List<Violation> found,
                Set<String> reported) {
            if (text == null || !(text.contains("${") || text.contains("#{"))) {
                return;
            }
            Tree tree;
            try {
                tree = JUEL.build(text.strip());
            } catch (TreeBuilderException | IllegalArgumentException e) {
                return; // the engine refuses it on deployment (engine-parse)
            }
            Set<String> names = new LinkedHashSet<>();
            variables(tree.getRoot(), names);
            for (String variable : names) {
                if (known(variable, anchor, own) || !reported.add(anchor + "/" + variable)) {
                    continue;
                }
                String elementId = anchor == null ? process.getId() : anchor;
                found.add(ctx.violation(elementId, Rule.KNOWN_VARIABLES, "the expression '" + text.strip() + "' ("
                        + where + ") names '" + variable + "', which no field of the application form or of a form "
                        + "before it, no lookup before it and no variable of the product provides; correct the name, "
                        + "or add the field to a form"));
            }
        }

        private boolean known(String variable, String anchor, boolean own) {
            if (NOT_VARIABLES.contains(variable) || global.contains(variable)) {
                return true;
            }
            for (String id = anchor; id != null; id = parentOf(id)) {
                if (before.getOrDefault(id, Set.of()).contains(variable)
                        || local.getOrDefault(id, Set.of()).contains(variable)) {
                    return true;
                }
            }
            return own && anchor != null && provides.getOrDefault(anchor, Set.of()).contains(variable);
        }

        /** The enclosing subprocess of an element: what is known where the subprocess runs is known inside it. */
        private String parentOf(String id) {
            FlowElement element = elements.get(id);
            return element != null && element.getParentElement() instanceof SubProcess sub ? sub.getId() : null;
        }

        private void index(Element element) {
            if (!element.getAttribute("id").isEmpty()) {
                dom.putIfAbsent(element.getAttribute("id"), element);
            }
            for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element childElement) {
                    index(childElement);
                }
            }
        }

        /** The {@code name} attributes of an element's descendants with this local name. */
        private static Set<String> names(Element element, String localName) {
            Set<String> names = new HashSet<>();
            if (element == null) {
                return names;
            }
            org.w3c.dom.NodeList list = element.getElementsByTagNameNS(CAMUNDA, localName);
            for (int i = 0; i < list.getLength(); i++) {
                String name = ((Element) list.item(i)).getAttribute("name");
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
            return names;
        }
    }

    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

    /** The variables an expression names: its identifiers and the literal names given to getVariable. */
    static void variables(Node node, Set<String> names) {
        if (node instanceof AstIdentifier identifier) {
            names.add(identifier.getName());
        }
        if (node instanceof AstMethod && node.getCardinality() == 2 && node.getChild(0) instanceof AstDot dot
                && GET_VARIABLE.contains(dot.toString().replaceFirst("^\\.\\s*", ""))) {
            Node parameters = node.getChild(1);
            if (parameters.getCardinality() >= 1 && parameters.getChild(0) instanceof AstString string) {
                names.add(String.valueOf(string.eval(null, null)));
            }
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            variables(node.getChild(i), names);
        }
    }

    private static Set<String> nonBlank(String... values) {
        Set<String> set = new HashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                set.add(value.strip());
            }
        }
        return set;
    }
}
