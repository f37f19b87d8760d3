package vn.motcua.lookup;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Looks a record's data up in a registry and says what to write: the registry's values under the
 * names the forms read (prefilling them), the applicant's own declaration kept beside each as
 * {@code <field>Declared}, and texts for the specialist's form listing each value's source and
 * every difference from the declaration. Provenance rows are saved in the caller's (the engine's)
 * transaction; the lookup log in its own.
 *
 * <p>Idempotent: the request id is derived from the process instance, the activity and the key, so
 * a retried job (or the same question asked again after a supplement) carries the same id, and
 * the values written are the same.
 */
@Service
public class LookupService {

    /** Form variable: one line per value a registry supplied, with its source. */
    public static final String SOURCES = "registrySources";
    /** Form variable: one line per value that differs from the applicant's declaration. */
    public static final String MISMATCHES = "registryMismatches";
    static final String DECLARED_SUFFIX = "Declared";
    static final String NO_MISMATCH = "Không có sai lệch / No differences";
    static final String NO_SOURCES = "Chưa có dữ liệu từ CSDL / No registry data yet";

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VIETNAM);

    /** Where the lookup runs: the record, the engine's execution and its variables. */
    public record Context(String recordCode, String processInstanceId, String processDefinitionId, String activityId,
            String actor, Function<String, Object> variable) {
    }

    private final RegistryClient client;
    private final RegistryValues values;
    private final LookupLog log;
    private final ApplicationEventPublisher events;
    private final Supplier<Instant> now;

    @org.springframework.beans.factory.annotation.Autowired
    public LookupService(RegistryClient client, RegistryValues values, LookupLog log, ApplicationEventPublisher events) {
        this(client, values, log, events, () -> org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant());
    }

    LookupService(RegistryClient client, RegistryValues values, LookupLog log, ApplicationEventPublisher events,
            Supplier<Instant> now) {
        this.client = client;
        this.values = values;
        this.log = log;
        this.events = events;
        this.now = now;
    }

    /**
     * The variables to set after the lookup. An optional lookup whose key was not declared at all
     * is skipped: only {@value #SOURCES} and {@value #MISMATCHES} are set (the record's provenance so far).
     *
     * @throws RegistryNotFoundException no entry for the key, or no valid key declared (a part of a
     *         composite key missing counts as not declared, optional or not); it carries
     *         {@value #SOURCES} and {@value #MISMATCHES} to set all the same
     * @throws RegistryUnavailableException the registry could not answer; the job is to be retried
     */
    public Map<String, Object> lookUp(LookupSpec spec, Context context) {
        Map<String, String> key;
        try {
            key = key(spec, context);
        } catch (RegistryNotFoundException e) {
            throw new RegistryNotFoundException(e.getMessage(), provenance(context));
        }
        if (key == null) {
            return provenance(context);
        }
        String keyText = key.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        String requestId = UUID.nameUUIDFromBytes((context.processInstanceId() + "/" + context.activityId() + "/"
                + spec.type() + "/" + keyText).getBytes(StandardCharsets.UTF_8)).toString();
        Instant at = now.get().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored
        RegistryAnswer answer;
        try {
            answer = client.fetch(spec.type(), key, requestId);
        } catch (RegistryUnavailableException e) {
            log.write(entry(spec, context, requestId, keyText, "failed", e.getMessage(), 0));
            throw e;
        }
        if (!answer.found()) {
            log.write(entry(spec, context, requestId, keyText, "not-found", answer.message(), 0));
            throw new RegistryNotFoundException(answer.message(), provenance(context));
        }

        // the record's provenance so far, by field: read once, merged with this answer in memory
        Map<String, SuppliedValue> byField = new java.util.HashMap<>();
        values.of(context.recordCode()).forEach(v -> byField.put(v.field(), v));
        Map<String, Object> variables = new LinkedHashMap<>();
        List<SuppliedValue> supplied = new java.util.ArrayList<>();
        Registry registry = spec.type().registry();
        for (Map.Entry<String, Object> field : answer.fields().entrySet()) {
            String name = spec.variable(field.getKey());
            Object value = field.getValue();
            String declared = declared(context, name, byField.get(name));
            variables.put(name, value);
            if (declared != null) {
                variables.put(name + DECLARED_SUFFIX, declared);
            }
            supplied.add(new SuppliedValue(name, text(value), declared,
                    declared == null ? null : same(declared, value), registry.id(), registry.label(),
                    spec.type().name().toLowerCase(Locale.ROOT), requestId, keyText, at));
        }
        values.saveAll(context.recordCode(), supplied);
        supplied.forEach(v -> byField.put(v.field(), v));
        List<SuppliedValue> all = byField.values().stream()
                .sorted(java.util.Comparator.comparing(SuppliedValue::lookedUpAt).thenComparing(SuppliedValue::field))
                .toList();
        variables.put(SOURCES, sources(all));
        variables.put(MISMATCHES, mismatches(all));
        log.write(entry(spec, context, requestId, keyText, "found", null, answer.fields().size()));
        events.publishEvent(new RegistryDataSupplied(context.recordCode(), context.processInstanceId(),
                context.processDefinitionId(), registry.id(), supplied, byField.size()));
        return variables;
    }

    /** The record's provenance so far as the two form texts, for lookups that supply nothing. */
    private Map<String, Object> provenance(Context context) {
        List<SuppliedValue> all = values.of(context.recordCode()).stream()
                .sorted(java.util.Comparator.comparing(SuppliedValue::lookedUpAt).thenComparing(SuppliedValue::field))
                .toList();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(SOURCES, all.isEmpty() ? NO_SOURCES : sources(all));
        variables.put(MISMATCHES, mismatches(all));
        return variables;
    }

    /**
     * The key from the variables; null when the lookup is optional and none of the key's variables
     * was declared. A key declared only in part is never skipped: it is "not found".
     */
    private static Map<String, String> key(LookupSpec spec, Context context) {
        Map<String, String> declared = new LinkedHashMap<>();
        List<String> missing = new java.util.ArrayList<>();
        for (LookupType.Param param : spec.type().params()) {
            String variable = spec.keyVariables().get(param.name());
            String value = text(context.variable().apply(variable));
            if (value == null || value.isBlank()) {
                missing.add(variable);
            } else {
                declared.put(param.name(), value.strip());
            }
        }
        if (!missing.isEmpty()) {
            if (declared.isEmpty() && spec.optional()) {
                return null;
            }
            String registry = spec.type().registry().id();
            throw new RegistryNotFoundException(declared.isEmpty()
                    ? "no " + String.join(", ", missing) + " was declared, so the " + registry + " registry cannot be asked"
                    : "only part of the key was declared (" + String.join(", ", missing) + " missing), so the "
                            + registry + " registry cannot be asked");
        }
        Map<String, String> key = new LinkedHashMap<>();
        for (LookupType.Param param : spec.type().params()) {
            String variable = spec.keyVariables().get(param.name());
            String value = declared.get(param.name());
            if (!param.accepts(value)) {
                throw new RegistryNotFoundException(variable + " '" + value + "' is not a valid " + param.name()
                        + " (" + param.shape() + ")");
            }
            key.put(param.name(), value);
        }
        return key;
    }

    /**
     * What the applicant declared for the field: kept from an earlier lookup of it, else the
     * variable's current value (the application form's), else nothing.
     */
    private static String declared(Context context, String name, SuppliedValue earlier) {
        if (earlier != null) {
            return earlier.declaredValue();
        }
        String current = text(context.variable().apply(name));
        return current == null || current.isBlank() ? null : current.strip();
    }

    private LookupLog.Entry entry(LookupSpec spec, Context context, String requestId, String key, String outcome,
            String message, int fields) {
        // The audit keeps the wall-clock time the registry was asked, whatever the engine's clock says.
        return new LookupLog.Entry(null, requestId, context.recordCode(), context.processInstanceId(),
                context.activityId(), spec.type().registry().id(), spec.type().name().toLowerCase(Locale.ROOT), key,
                spec.purpose(), context.actor() == null ? "system" : context.actor(), outcome, message, fields,
                Instant.now());
    }

    static String sources(List<SuppliedValue> all) {
        return all.stream().map(v -> v.field() + " = " + v.value() + " — " + v.registryName() + ", "
                + WHEN.format(v.lookedUpAt()) + ", " + v.key() + ", request " + v.requestId())
                .collect(Collectors.joining("\n"));
    }

    static String mismatches(List<SuppliedValue> all) {
        String lines = all.stream().filter(v -> Boolean.FALSE.equals(v.matchesDeclared()))
                .map(v -> v.field() + ": kê khai / declared '" + v.declaredValue() + "' ≠ " + v.registryName()
                        + " '" + v.value() + "'")
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? NO_MISMATCH : lines;
    }

    /** Equal up to case, spacing and Unicode composition; numbers by value. */
    static boolean same(String declared, Object registry) {
        if (registry instanceof Number number) {
            try {
                return Double.parseDouble(declared.strip().replace(',', '.')) == number.doubleValue();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return normalise(declared).equals(normalise(text(registry)));
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ")
                .toLowerCase(new Locale("vi"));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        return value.toString();
    }
}
