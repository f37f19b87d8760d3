package vn.motcua.procedure.conformance;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a model's expressions may reach, written once: the conformance rules
 * ({@code allowed-expressions}, {@code known-variables}) and the engine's bean resolution read
 * these lists, so a bean is meant for models in all three places or in none.
 */
public final class ModelExpressions {

    /**
     * The product's Spring beans meant for models (the shipped {@code processes/*.bpmn} use all
     * of them): the only beans the engine resolves in an expression, and the only objects whose
     * methods an expression may call. A new one is added here and in docs/conformance-rules.md.
     */
    public static final Set<String> BEANS = Set.of("deadlines", "lookup", "escalation", "receipt", "resultDraft", "seal",
            "paymentRequest", "paymentReceipt", "paymentExpired");

    /**
     * Of {@link #BEANS}, those that are a service task's delegate and nothing else ({@code ${seal}}): no method
     * or property of theirs may be used, so the record's work runs only where the model draws it (rule
     * {@code visible-work}), never inside a condition or a listener.
     */
    static final Set<String> DELEGATE_ONLY_BEANS = Set.of("receipt", "resultDraft", "seal", "paymentRequest",
            "paymentReceipt", "paymentExpired");

    /** The engine's objects in scope of an expression; only their read-only methods may be called. */
    static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution");

    /** Names the engine resolves that are neither variables nor beans (plus {@link #ENGINE_OBJECTS}). */
    static final Set<String> ENGINE_NAMES = Stream.concat(ENGINE_OBJECTS.stream(), Stream.of("authenticatedUserId"))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * What an expression may ask of {@link #ENGINE_OBJECTS}: variables and ids, nothing that changes
     * state or leads to the engine's services ({@code getProcessEngineServices()} would reach
     * {@code IdentityService}, {@code setVariable} would write a system-owned variable).
     */
    static final Set<String> ENGINE_READ_METHODS = Set.of("getVariable", "getVariableLocal", "getVariableTyped",
            "getVariableLocalTyped", "hasVariable", "hasVariableLocal", "getVariableNames", "getVariableNamesLocal",
            "getBusinessKey", "getProcessBusinessKey", "getId", "getProcessInstanceId", "getProcessDefinitionId",
            "getActivityInstanceId", "getCurrentActivityId", "getCurrentActivityName", "getEventName", "getName",
            "getAssignee", "getOwner", "getTaskDefinitionKey", "getTenantId", "getPriority", "getDueDate",
            "getFollowUpDate", "getCreateTime");

    /** The same, read as properties ({@code execution.businessKey}). */
    static final Set<String> ENGINE_READ_PROPERTIES = ENGINE_READ_METHODS.stream()
            .filter(method -> method.startsWith("get"))
            .map(method -> Character.toLowerCase(method.charAt(3)) + method.substring(4))
            .collect(Collectors.toUnmodifiableSet());

    /** Functions the engine defines for expressions (no prefix). */
    static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

    /** Never a property or method, on anything: the door from a value to its class and class loader. */
    static final Set<String> FORBIDDEN_MEMBERS = Set.of("class", "getClass", "declaringClass", "getDeclaringClass",
            "classLoader", "getClassLoader", "wait", "notify", "notifyAll");

    private ModelExpressions() {
    }
}
