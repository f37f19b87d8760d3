package vn.motcua.lookup;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What can be looked up: a registry queried by one kind of key. The model names the registry
 * ({@code lookup.registry}) and the key's parameters ({@code lookup.key}); together they pick the
 * lookup. Each lookup turns the registry's answer into fields, written as process variables
 * {@code <prefix><Field>} (e.g. prefix {@code father} → {@code fatherFullName}).
 */
public enum LookupType {

    /** Công dân theo số định danh cá nhân. */
    POPULATION(Registry.POPULATION, List.of(new Param("personalId", "\\d{12}", "12 digits")),
            List.of("FullName", "DateOfBirth", "Sex", "PermanentResidence", "Ethnicity", "Nationality", "Deceased"),
            key -> "/v1/citizens/" + encode(key.get("personalId")),
            answer -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("FullName", Answers.text(answer, "fullName"));
                fields.put("DateOfBirth", Answers.date(answer, "dateOfBirth"));
                fields.put("Sex", Answers.text(answer, "sex"));
                fields.put("PermanentResidence", Answers.text(answer, "permanentResidence"));
                fields.put("Ethnicity", Answers.text(answer, "ethnicity"));
                fields.put("Nationality", Answers.text(answer, "nationality"));
                fields.put("Deceased", Answers.bool(answer, "deceased"));
                return fields;
            }),

    /** Hộ gia đình có người mang số định danh này. */
    RESIDENCE(Registry.RESIDENCE, List.of(new Param("personalId", "\\d{12}", "12 digits")),
            List.of("Id", "Address", "HeadPersonalId", "Members"),
            key -> "/v1/households?personalId=" + encode(key.get("personalId")),
            answer -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("Id", Answers.text(answer, "householdId"));
                fields.put("Address", Answers.text(answer, "address"));
                fields.put("HeadPersonalId", Answers.text(answer, "headPersonalId"));
                List<String> members = new ArrayList<>();
                for (JsonNode member : Answers.array(answer, "members")) {
                    members.add(Answers.text(member, "fullName") + " (" + Answers.text(member, "personalId") + ", "
                            + Answers.text(member, "relationship") + ")");
                }
                fields.put("Members", String.join("\n", members));
                return fields;
            }),

    /** Doanh nghiệp theo mã số doanh nghiệp. */
    ENTERPRISE(Registry.ENTERPRISE, List.of(new Param("enterpriseCode", "\\d{10}(-\\d{3})?", "10 digits")),
            List.of("Name", "Status", "LegalRepresentative", "LegalRepresentativeId", "Address", "BusinessLines"),
            key -> "/v1/enterprises/" + encode(key.get("enterpriseCode")),
            answer -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("Name", Answers.text(answer, "name"));
                fields.put("Status", Answers.text(answer, "status"));
                JsonNode representative = Answers.object(answer, "legalRepresentative");
                fields.put("LegalRepresentative", Answers.text(representative, "fullName"));
                fields.put("LegalRepresentativeId", Answers.text(representative, "personalId"));
                fields.put("Address", Answers.text(answer, "address"));
                List<String> lines = new ArrayList<>();
                for (JsonNode line : Answers.array(answer, "businessLines")) {
                    lines.add(Answers.text(line, "code") + " " + Answers.text(line, "name"));
                }
                fields.put("BusinessLines", String.join("\n", lines));
                return fields;
            }),

    /** Trùng tên: doanh nghiệp mang đúng tên này (không phân biệt hoa thường, dấu). */
    ENTERPRISE_NAME(Registry.ENTERPRISE, List.of(new Param("name", ".{1,200}", "1 to 200 characters")),
            List.of("Clash", "ClashingEnterprises"),
            key -> "/v1/enterprises?name=" + encode(key.get("name")),
            answer -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                List<String> clashes = new ArrayList<>();
                for (JsonNode match : Answers.array(answer, "matches")) {
                    clashes.add(Answers.text(match, "name") + " (" + Answers.text(match, "enterpriseCode") + ", "
                            + Answers.text(match, "status") + ")");
                }
                fields.put("Clash", !clashes.isEmpty());
                fields.put("ClashingEnterprises", String.join("\n", clashes));
                return fields;
            }),

    /** Thửa đất theo mã xã, số tờ bản đồ, số thửa. */
    LAND(Registry.LAND, List.of(new Param("communeCode", "\\d{5}", "5 digits"),
            new Param("mapSheet", "\\d{1,3}", "1 to 3 digits"), new Param("parcelNumber", "\\d{1,4}", "1 to 4 digits")),
            List.of("OwnerPersonalId", "OwnerFullName", "Area", "LandUse", "CertificateNumber", "Disputed"),
            key -> "/v1/parcels/" + encode(key.get("communeCode")) + "/" + encode(key.get("mapSheet")) + "/"
                    + encode(key.get("parcelNumber")),
            answer -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("OwnerPersonalId", Answers.text(answer, "ownerPersonalId"));
                fields.put("OwnerFullName", Answers.text(answer, "ownerFullName"));
                fields.put("Area", Answers.number(answer, "area"));
                fields.put("LandUse", Answers.text(answer, "landUse"));
                fields.put("CertificateNumber", Answers.text(answer, "certificateNumber"));
                fields.put("Disputed", Answers.bool(answer, "disputed"));
                return fields;
            });

    /** One parameter of a lookup's key, with the shape the registry accepts. */
    public record Param(String name, String pattern, String shape) {
        boolean accepts(String value) {
            return value != null && Pattern.matches(pattern, value);
        }
    }

    private final Registry registry;
    private final List<Param> params;
    private final Function<Map<String, String>, String> path;
    private final List<String> fieldNames;
    private final Function<JsonNode, Map<String, Object>> fields;

    LookupType(Registry registry, List<Param> params, List<String> fieldNames, Function<Map<String, String>, String> path,
            Function<JsonNode, Map<String, Object>> fields) {
        this.registry = registry;
        this.params = params;
        this.fieldNames = fieldNames;
        this.path = path;
        this.fields = fields;
    }

    public Registry registry() {
        return registry;
    }

    public List<Param> params() {
        return params;
    }

    /**
     * The fields every answer of this lookup has, in order: written as {@code <prefix><Field>}
     * (the conformance check, the element templates and docs/lookups.md name them).
     */
    public List<String> fieldNames() {
        return fieldNames;
    }

    /** The lookup of this registry whose key has exactly these parameters. */
    public static Optional<LookupType> of(Registry registry, Set<String> paramNames) {
        for (LookupType type : values()) {
            if (type.registry == registry
                    && paramNames.equals(Set.copyOf(type.params.stream().map(Param::name).toList()))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The keys each registry accepts, for error messages: {@code personalId | enterpriseCode | name …}. */
    public static String keysOf(Registry registry) {
        List<String> keys = new ArrayList<>();
        for (LookupType type : values()) {
            if (type.registry == registry) {
                keys.add(String.join(",", type.params.stream().map(p -> p.name() + "=<variable>").toList()));
            }
        }
        return String.join(" or ", keys);
    }

    String path(Map<String, String> key) {
        return path.apply(key);
    }

    /** The answer's fields; a missing or mistyped field makes the whole answer malformed. */
    Map<String, Object> fields(JsonNode answer) {
        Map<String, Object> values = fields.apply(answer);
        if (!values.keySet().equals(Set.copyOf(fieldNames))) { // a programming error, caught by LookupSpecTest
            throw new IllegalStateException(this + " answered " + values.keySet() + ", declared " + fieldNames);
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
