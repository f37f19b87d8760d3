package vn.motcua.procedure.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.Tree;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Rule {@code allowed-expressions}: an expression ({@code ${…}} or {@code #{…}} anywhere the
 * engine may evaluate one — conditions, delegate expressions, listeners, timers, candidate
 * groups, due dates, input/output mappings, retry cycles, task names and descriptions …) reads
 * process variables and calls the product's beans meant for models ({@link ModelExpressions#BEANS}),
 * nothing else:
 * <ul>
 * <li>a method is called only on one of those beans ({@code deadlines.due(execution)}), or is one of
 * the read-only methods of the engine's {@code execution} / {@code task}
 * ({@code execution.getVariable('x')}) — never on a value ({@code ''.getClass()}), on the result of
 * another call, or on any other name ({@code identityService.createUserQuery()});</li>
 * <li>a property of {@code execution} / {@code task} is one of those read-only ones;</li>
 * <li>no property or method is {@code class}, {@code getClass} … on anything, and no property or
 * method name is computed at run time ({@code a[b]});</li>
 * <li>functions are only the engine's own ({@code now()}, {@code dateTime()}, {@code currentUser()},
 * {@code currentUserGroups()}).</li>
 * </ul>
 * Text the engine never evaluates is skipped: text annotations, extension properties, literal
 * field values; scripts are the {@code no-scripts} rule's. An expression JUEL cannot parse is left
 * to the engine, which refuses it on deployment ({@code engine-parse}).
 */
final class ExpressionAllowList {

    /** Elements whose text the engine never evaluates as an expression. */
    private static final Set<String> NOT_EVALUATED = Set.of("textAnnotation", "properties", "string", "script",
            "BPMNDiagram");
    private static final Builder JUEL = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private ExpressionAllowList() {
    }

    static List<Violation> check(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        check(ctx, CodeRules.root(ctx), found, reported);
        return found;
    }

    private static void check(ModelContext ctx, Element element, List<Violation> found, Set<String> reported) {
        if (NOT_EVALUATED.contains(element.getLocalName())) {
            return;
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!CodeRules.isNamespaceDeclaration(attribute)) {
                expression(ctx, element, attribute.getValue(), CodeRules.localName(attribute), found, reported);
            }
        }
        for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                check(ctx, childElement, found, reported);
            } else if (child.getNodeType() == org.w3c.dom.Node.TEXT_NODE
                    || child.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
                expression(ctx, element, child.getNodeValue(), element.getLocalName(), found, reported);
            }
        }
    }

    private static void expression(ModelContext ctx, Element element, String text, String where,
            List<Violation> found, Set<String> reported) {
        if (text == null || !(text.contains("${") || text.contains("#{"))) {
            return;
        }
        List<String> problems = problems(text.strip());
        if (problems.isEmpty()) {
            return;
        }
        String id = CodeRules.anchorId(element);
        String message = "the expression '" + text.strip() + "' (" + where + ") " + String.join("; ", problems)
                + ". Expressions may read process variables (also with execution.getVariable('…')) and call the "
                + "product's beans meant for models: " + CodeRules.beans();
        if (reported.add(id + "|" + message)) {
            found.add(ctx.violation(id, Rule.ALLOWED_EXPRESSIONS, message));
        }
    }

    /** What is not allowed in one expression text; empty when it is fine (or JUEL cannot read it). */
    static List<String> problems(String text) {
        Tree tree;
        try {
            tree = JUEL.build(text);
        } catch (TreeBuilderException | IllegalArgumentException e) {
            return List.of(); // the engine refuses it on deployment (engine-parse)
        }
        Set<String> problems = new LinkedHashSet<>();
        visit(tree.getRoot(), problems);
        return List.copyOf(problems);
    }

    private static void visit(Node node, Set<String> problems) {
        if (node instanceof AstMethod method) {
            AstProperty property = (AstProperty) method.getChild(0);
            Node base = property.getChild(0);
            String name = memberName(property);
            visitOperands(property, problems); // inner calls first: problems in the order the text has them
            if (name == null) {
                problems.add("calls a method whose name is computed at run time");
            } else if (ModelExpressions.FORBIDDEN_MEMBERS.contains(name)) {
                problems.add("calls '" + name + "', which leads from a value to Java's classes");
            } else if (base instanceof AstIdentifier identifier
                    && ModelExpressions.DELEGATE_ONLY_BEANS.contains(identifier.getName())) {
                problems.add("calls '" + name + "' on '" + identifier.getName() + "', which is only a service task's "
                        + "delegate (${" + identifier.getName() + "}, rule visible-work)");
            } else if (base instanceof AstIdentifier identifier
                    && ModelExpressions.BEANS.contains(identifier.getName())) {
                // a bean meant for models: any of its methods
            } else if (base instanceof AstIdentifier identifier
                    && ModelExpressions.ENGINE_OBJECTS.contains(identifier.getName())) {
                if (!ModelExpressions.ENGINE_READ_METHODS.contains(name)) {
                    problems.add("calls '" + name + "' on '" + identifier.getName() + "', which may only read "
                            + "variables and ids (getVariable, getBusinessKey …)");
                }
            } else {
                problems.add("calls '" + name + "' on " + describe(base) + ", which is not a bean meant for models");
            }
            visit(method.getChild(1), problems);
            return;
        }
        if (node instanceof AstProperty property) {
            Node base = property.getChild(0);
            String name = memberName(property);
            visitOperands(property, problems);
            if (name == null) {
                problems.add("reads a property whose name is computed at run time (" + property + ")");
            } else if (ModelExpressions.FORBIDDEN_MEMBERS.contains(name)) {
                problems.add("reads '" + name + "', which leads from a value to Java's classes");
            } else if (base instanceof AstIdentifier identifier
                    && ModelExpressions.DELEGATE_ONLY_BEANS.contains(identifier.getName())) {
                problems.add("reads '" + name + "' of '" + identifier.getName() + "', which is only a service task's "
                        + "delegate (${" + identifier.getName() + "}, rule visible-work)");
            } else if (base instanceof AstIdentifier identifier
                    && ModelExpressions.ENGINE_OBJECTS.contains(identifier.getName())
                    && !ModelExpressions.ENGINE_READ_PROPERTIES.contains(name)) {
                problems.add("reads '" + name + "' of '" + identifier.getName() + "', which may only read "
                        + "variables and ids (variables, businessKey …)");
            }
            return;
        }
        if (node instanceof AstFunction function && !ModelExpressions.FUNCTIONS.contains(function.getName())) {
            problems.add("calls the function '" + function.getName() + "', which the engine does not define");
        }
        visitChildren(node, problems);
    }

    /** The base of a property or method, and a bracket's key. */
    private static void visitOperands(AstProperty property, Set<String> problems) {
        visit(property.getChild(0), problems);
        if (property instanceof AstBracket bracket) {
            visit(bracket.getChild(1), problems);
        }
    }

    private static void visitChildren(Node node, Set<String> problems) {
        if (node instanceof AstIdentifier) {
            return;
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            visit(node.getChild(i), problems);
        }
    }

    /** The member a property node names, or null when it is computed ({@code a[b]}). */
    private static String memberName(AstProperty property) {
        if (property instanceof AstDot dot) {
            return dot.toString().replaceFirst("^\\.\\s*", "").strip();
        }
        if (property instanceof AstBracket bracket) {
            Node key = bracket.getChild(1);
            if (key instanceof AstString || key instanceof AstNumber) {
                return String.valueOf(((org.camunda.bpm.impl.juel.AstNode) key).eval(null, null));
            }
        }
        return null;
    }

    private static String describe(Node base) {
        if (base instanceof AstIdentifier identifier) {
            return "'" + identifier.getName() + "'";
        }
        if (base instanceof AstString) {
            return "a text value";
        }
        if (base instanceof AstMethod) {
            return "the result of another call";
        }
        return "a computed value";
    }
}
