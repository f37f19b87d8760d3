package vn.motcua.procedure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import vn.motcua.security.UnitDirectory;

/**
 * One procedure (thủ tục hành chính) of the catalogue, as its deployed BPMN model declares it in
 * the process's extension properties ({@code procedure.code}, {@code procedure.name} …). A value
 * that is missing or cannot be read is {@code null} (left out of the JSON), never an error: the
 * conformance check refuses such models before deployment, and the catalogue must not fail on a
 * model deployed by other means.
 *
 * @param code           national catalogue code ({@code procedure.code}), e.g. {@code 1.001193}
 * @param name           the procedure's name ({@code procedure.name})
 * @param processKey     the BPMN process id, used to start records
 * @param version        the process definition version the catalogue describes
 * @param level          competent level ({@code procedure.level}): {@code province} or {@code commune}
 * @param processingDays statutory processing time in working days ({@code procedure.processingDays})
 * @param fee            fee in VND ({@code procedure.fee})
 * @param fullyOnline    whether the procedure can be done entirely online ({@code procedure.fullyOnline})
 * @param documents      the required documents, thành phần hồ sơ ({@code procedure.document.1}, {@code .2} …)
 * @param description    the process documentation
 * @param units          the units the model names competent ({@code procedure.unit}, comma-separated ids); empty: any
 * @param unitKinds      the kinds of unit the model names competent ({@code procedure.unitKind}); empty: any
 * @param competentUnits the organisation's units that receive the procedure's records: of its level, among
 *                       {@code units} and of {@code unitKinds} when these are given
 */
@Schema(name = "Procedure", description = "A procedure (thủ tục hành chính) of the catalogue, read from its deployed BPMN model")
public record ProcedureSummary(
        @Schema(description = "National catalogue code", example = "\"1.001193\"") String code,
        @Schema(description = "The procedure's name", example = "Đăng ký khai sinh") String name,
        @Schema(description = "BPMN process key, used to start records", example = "birth-registration") String processKey,
        @Schema(description = "Version of the deployed process definition", example = "1") int version,
        @Schema(description = "Competent level", allowableValues = { "province", "commune" }, example = "commune") String level,
        @Schema(description = "Statutory processing time in working days", example = "1") BigDecimal processingDays,
        @Schema(description = "Fee in VND", example = "0") Long fee,
        @Schema(description = "Whether the whole procedure can be done online", example = "true") Boolean fullyOnline,
        @ArraySchema(arraySchema = @Schema(description = "Required documents (thành phần hồ sơ), in order"))
        List<RequiredDocument> documents,
        @Schema(description = "What the procedure is and how it runs (the process documentation)") String description,
        @ArraySchema(arraySchema = @Schema(description = "The units the model names competent (procedure.unit); absent: any unit of the level"))
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> units,
        @ArraySchema(arraySchema = @Schema(description = "The kinds of unit the model names competent (procedure.unitKind), e.g. department; absent: any kind of the level"))
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unitKinds,
        @ArraySchema(arraySchema = @Schema(description = "The units that receive this procedure's records (the unit of POST /api/records is one of them)"))
        List<CompetentUnit> competentUnits) {

    public static final String CODE = "procedure.code";
    public static final String NAME = "procedure.name";
    public static final String LEVEL = "procedure.level";
    public static final String PROCESSING_DAYS = "procedure.processingDays";
    public static final String FEE = "procedure.fee";
    public static final String FULLY_ONLINE = "procedure.fullyOnline";
    /** The competent unit(s), unit ids, comma-separated (optional). */
    public static final String UNIT = "procedure.unit";
    /** The competent kind(s) of unit, comma-separated (optional). */
    public static final String UNIT_KIND = "procedure.unitKind";
    /** Prefix of the numbered document properties: {@code procedure.document.1}, {@code procedure.document.2} … */
    public static final String DOCUMENT_PREFIX = "procedure.document.";
    /** Suffix of a document property value that marks the document as optional. */
    public static final String OPTIONAL_SUFFIX = "|optional";

    private static final Pattern DOCUMENT_PROPERTY = Pattern.compile(Pattern.quote(DOCUMENT_PREFIX) + "(\\d{1,9})");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("\\d{1,18}");
    private static final int MAX_LISTED = 10;

    public ProcedureSummary {
        documents = documents == null ? List.of() : List.copyOf(documents);
        units = units == null ? List.of() : List.copyOf(units);
        unitKinds = unitKinds == null ? List.of() : List.copyOf(unitKinds);
        competentUnits = competentUnits == null ? List.of() : List.copyOf(competentUnits);
    }

    /** A procedure that names no competent unit nor kind, before the organisation is asked. */
    public ProcedureSummary(String code, String name, String processKey, int version, String level,
            BigDecimal processingDays, Long fee, Boolean fullyOnline, List<RequiredDocument> documents,
            String description) {
        this(code, name, processKey, version, level, processingDays, fee, fullyOnline, documents, description, null,
                null, null);
    }

    /**
     * A unit that receives the procedure's records.
     *
     * @param id     the unit id, the {@code unit} of a submission
     * @param name   its name in Vietnamese
     * @param nameEn its name in English
     * @param kind   its kind
     */
    @Schema(name = "CompetentUnit", description = "A unit that receives the procedure's records")
    public record CompetentUnit(
            @Schema(example = "commune-a") String id,
            @Schema(example = "Ủy ban nhân dân xã A") String name,
            @Schema(example = "People's Committee of Commune A") String nameEn,
            @Schema(example = "commune") String kind) {
    }

    /** The same procedure, with the organisation's units competent for it. */
    public ProcedureSummary withCompetentUnits(UnitDirectory directory) {
        List<CompetentUnit> competent = directory.competent(level, units, unitKinds).stream()
                .map(u -> new CompetentUnit(u.id(), u.name(), u.nameEn(), u.kind())).toList();
        return new ProcedureSummary(code, name, processKey, version, level, processingDays, fee, fullyOnline,
                documents, description, units, unitKinds, competent);
    }

    /** Whether the unit receives this procedure's records. */
    public boolean isCompetent(String unit) {
        return competentUnits.stream().anyMatch(u -> u.id().equals(unit));
    }

    /**
     * Who receives the procedure's records, for an error message: e.g. "units of level province, of kind
     * department, among dept-industry-trade: dept-industry-trade (Sở Công Thương)".
     */
    public String competence() {
        StringBuilder who = new StringBuilder("units");
        if (level != null) {
            who.append(" of level ").append(level);
        }
        if (!unitKinds.isEmpty()) {
            who.append(", of kind ").append(String.join(" or ", unitKinds));
        }
        if (!units.isEmpty()) {
            who.append(", among ").append(String.join(", ", units));
        }
        if (competentUnits.isEmpty()) {
            return who.append(": the organisation has none (see docs/organisation.md)").toString();
        }
        List<String> listed = competentUnits.stream().limit(MAX_LISTED).map(u -> u.id() + " (" + u.name() + ")").toList();
        return who.append(": ").append(String.join(", ", listed))
                .append(competentUnits.size() > MAX_LISTED ? ", … (" + competentUnits.size() + " in all)" : "").toString();
    }

    /**
     * One document the applicant hands in (thành phần hồ sơ).
     *
     * @param name     the document's name, Vietnamese / English
     * @param required {@code false} when the model marks it {@code |optional}
     */
    @Schema(name = "RequiredDocument", description = "A document of the application (thành phần hồ sơ)")
    public record RequiredDocument(
            @Schema(description = "The document's name", example = "Giấy chứng sinh / Birth certificate from the hospital") String name,
            @Schema(description = "false when the document is only needed in some cases", example = "true") boolean required) {
    }

    /**
     * Reads a summary from a process's extension properties. Never throws on bad values: what
     * cannot be read is {@code null}; documents with a blank name are skipped.
     *
     * @param processKey  the process id
     * @param version     the process definition version
     * @param processName the BPMN process name, used when {@code procedure.name} is missing
     * @param description the process documentation (may be null)
     * @param properties  the process's extension properties, name to value
     */
    public static ProcedureSummary of(String processKey, int version, String processName, String description,
            Map<String, String> properties) {
        Map<String, String> p = properties == null ? Map.of() : properties;
        String name = text(p.get(NAME));
        return new ProcedureSummary(
                text(p.get(CODE)),
                name != null ? name : text(processName),
                processKey,
                version,
                text(p.get(LEVEL)),
                processingDays(p.get(PROCESSING_DAYS)),
                fee(p.get(FEE)),
                bool(p.get(FULLY_ONLINE)),
                documents(p),
                text(description),
                list(p.get(UNIT)),
                list(p.get(UNIT_KIND)),
                null);
    }

    /** A comma-separated list; blank items are left out. */
    static List<String> list(String value) {
        String v = text(value);
        if (v == null) {
            return List.of();
        }
        return java.util.Arrays.stream(v.split(",")).map(String::strip).filter(item -> !item.isEmpty()).distinct()
                .toList();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static BigDecimal processingDays(String value) {
        String v = text(value);
        if (v == null || !DECIMAL.matcher(v).matches()) {
            return null;
        }
        BigDecimal days = new BigDecimal(v);
        return days.signum() > 0 ? days : null;
    }

    static Long fee(String value) {
        String v = text(value);
        return v != null && WHOLE.matcher(v).matches() ? Long.valueOf(v) : null;
    }

    static Boolean bool(String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** {@code procedure.document.<n>} in the order of n (not of the file); blank names are skipped. */
    static List<RequiredDocument> documents(Map<String, String> properties) {
        TreeMap<Integer, String> numbered = new TreeMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            if (entry.getKey() == null) {
                continue;
            }
            Matcher m = DOCUMENT_PROPERTY.matcher(entry.getKey().strip());
            if (m.matches()) {
                numbered.putIfAbsent(Integer.valueOf(m.group(1)), entry.getValue());
            }
        }
        List<RequiredDocument> documents = new ArrayList<>();
        for (String value : numbered.values()) {
            RequiredDocument document = document(value);
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** {@code <name>} (required) or {@code <name>|optional}; null when the name is blank. */
    static RequiredDocument document(String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        boolean optional = v.endsWith(OPTIONAL_SUFFIX);
        String name = text(optional ? v.substring(0, v.length() - OPTIONAL_SUFFIX.length()) : v);
        return name == null ? null : new RequiredDocument(name, !optional);
    }
}
