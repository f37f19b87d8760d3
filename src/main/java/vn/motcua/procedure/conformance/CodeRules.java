package vn.motcua.procedure.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javax.xml.transform.dom.DOMSource;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Rules {@code no-scripts} and {@code no-java-classes}: a model is code the server runs, so it
 * may only call the product's beans meant for models. Scripts (any language, {@code juel}
 * included, inline or from a resource) and Java classes named in the model would run whatever
 * the author wrote with the server's rights.
 *
 * <p>These rules read the whole file, every process and pool, in both extension namespaces the
 * engine reads ({@code camunda:} and the legacy {@code activiti:}), by local name: an attribute
 * named {@code class} means nothing else anywhere in BPMN.
 */
final class CodeRules {

    /** Attributes naming a Java class the engine would instantiate. */
    private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass", "formHandlerClass");

    private CodeRules() {
    }

    static List<Violation> noScripts(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        walk(root(ctx), element -> {
            String name = element.getLocalName();
            if ("scriptTask".equals(name)) {
                report(ctx, Rule.NO_SCRIPTS, found, reported, element, "a script task ('" + element.getAttribute("scriptFormat")
                        + "') runs any code on the server; use a service task with a delegate expression of the "
                        + "product's beans (" + beans() + ") or ask for a bean meant for models");
                return;
            }
            if ("script".equals(name) && !"scriptTask".equals(parentName(element))) {
                report(ctx, Rule.NO_SCRIPTS, found, reported, element, "a script ('" + element.getAttribute("scriptFormat")
                        + "') in a listener or an input/output mapping runs any code on the server; use an "
                        + "expression with process variables or the product's beans instead");
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String local = localName(attribute);
                if ("language".equals(local)) {
                    report(ctx, Rule.NO_SCRIPTS, found, reported, element, "a condition written in the script language '"
                            + attribute.getValue() + "'; write it as an expression, e.g. ${proposal == 'approve'}");
                } else if ("resource".equals(local) && !isNamespaceDeclaration(attribute)) {
                    report(ctx, Rule.NO_SCRIPTS, found, reported, element, "an external script (resource '" + attribute.getValue()
                            + "'); scripts are not allowed, wherever they come from");
                } else if ("scriptFormat".equals(local) && !"scriptTask".equals(name) && !"script".equals(name)) {
                    report(ctx, Rule.NO_SCRIPTS, found, reported, element, "scriptFormat '" + attribute.getValue()
                            + "': scripts are not allowed");
                }
            }
        });
        return found;
    }

    static List<Violation> noJavaClasses(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        walk(root(ctx), element -> {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String local = localName(attribute);
                if (CLASS_ATTRIBUTES.contains(local) && !isNamespaceDeclaration(attribute)) {
                    String where = "class".equals(local) && !"serviceTask".equals(element.getLocalName())
                            ? element.getLocalName() + " " : "";
                    report(ctx, Rule.NO_JAVA_CLASSES, found, reported, element, where + local + "=\"" + attribute.getValue()
                            + "\" names a Java class; models reach code only through the product's beans: use "
                            + "delegateExpression=\"${lookup}\" / \"${seal}\" … or an expression (" + beans() + ")");
                }
            }
        });
        return found;
    }

    private static void report(ModelContext ctx, Rule rule, List<Violation> found, Set<String> reported,
            Element element, String message) {
        String id = anchorId(element);
        if (reported.add(id + "|" + message)) {
            found.add(ctx.violation(id, rule, message));
        }
    }

    static String beans() {
        return String.join(", ", new java.util.TreeSet<>(ModelExpressions.BEANS));
    }

    /** The document's root element: everything in the file is checked, not only the executable process. */
    static Element root(ModelContext ctx) {
        Node document = ((DOMSource) ctx.model().getDocument().getDomSource()).getNode();
        return document instanceof org.w3c.dom.Document doc ? doc.getDocumentElement() : (Element) document;
    }

    static void walk(Element element, Consumer<Element> visit) {
        visit.accept(element);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                walk(childElement, visit);
            }
        }
    }

    /** The id of the element itself or of its nearest ancestor that has one (the task a listener belongs to). */
    static String anchorId(Element element) {
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            if (!e.getAttribute("id").isBlank()) {
                return e.getAttribute("id");
            }
        }
        return null;
    }

    static String localName(Attr attribute) {
        return attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
    }

    static boolean isNamespaceDeclaration(Attr attribute) {
        return "http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI());
    }

    private static String parentName(Element element) {
        return element.getParentNode() instanceof Element parent ? parent.getLocalName() : null;
    }
}
