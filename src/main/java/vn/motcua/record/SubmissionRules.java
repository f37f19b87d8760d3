package vn.motcua.record;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import vn.motcua.procedure.ApplicationForm;
import vn.motcua.procedure.ProcedureCatalogue;
import vn.motcua.procedure.ProcedureIntake;
import vn.motcua.procedure.ProcedureSummary;
import vn.motcua.record.RecordIntake.Submission;
import vn.motcua.security.Role;
import vn.motcua.security.UnitDirectory;
import vn.motcua.web.Problem;

/**
 * What a submission must be before a record is made of it: a known procedure the unit receives, a
 * channel, the applicant, form fields the procedure's application form accepts, texts that can be
 * stored; and who may submit it. Each refusal is a 400 (or 403) naming the field.
 */
@Component
class SubmissionRules {

    static final Pattern PERSONAL_ID = Pattern.compile("\\d{12}");
    static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final ProcedureCatalogue catalogue;
    private final ProcedureIntake intakes;
    private final UnitDirectory units;

    SubmissionRules(ProcedureCatalogue catalogue, ProcedureIntake intakes, UnitDirectory units) {
        this.catalogue = catalogue;
        this.intakes = intakes;
        this.units = units;
    }

    /** A submission that passed the checks: its procedure and what the procedure asks at intake. */
    record Checked(ProcedureSummary procedure, ProcedureIntake.Intake intake) {
    }

    Checked validate(Submission s, Caller caller) {
        if (s == null) {
            throw Problem.badRequest("record", "the 'record' part (JSON) is missing");
        }
        if (s.procedureCode() == null || s.procedureCode().isBlank()) {
            throw Problem.badRequest("procedureCode", "procedureCode is required");
        }
        ProcedureSummary procedure = catalogue.find(s.procedureCode()).orElseThrow(() -> Problem.badRequest(
                "procedureCode", "unknown procedure '" + s.procedureCode() + "' (see GET /api/procedures)"));
        if (s.unit() == null || !units.exists(s.unit())) {
            throw Problem.badRequest("unit", "unknown receiving unit '" + s.unit() + "'");
        }
        requireCompetent(procedure, s.unit());
        if (s.channel() == null || Channel.ofCode(s.channel()).isEmpty()) {
            throw Problem.badRequest("channel", "channel must be 1 (in person), 2 (online) or 3 (postal)");
        }
        Applicant a = s.applicant();
        if (a == null) {
            throw Problem.badRequest("applicant", "applicant is required");
        }
        storable("applicant.personalId", a.personalId());
        storable("applicant.name", a.name());
        storable("applicant.phone", a.phone());
        storable("applicant.email", a.email());
        storable("applicant.address", a.address());
        if (a.personalId() == null || !PERSONAL_ID.matcher(a.personalId()).matches()) {
            throw Problem.badRequest("applicant.personalId",
                    "the personal ID number must have exactly 12 digits, was '" + a.personalId() + "'");
        }
        ProcedureIntake.Intake intake = intakes.of(procedure);
        boolean nameFromRegistry = intake.applicantNameLookedUp().isPresent();
        if ((a.name() == null || a.name().isBlank()) && !nameFromRegistry) {
            throw Problem.badRequest("applicant.name", "the applicant's name is required (this procedure "
                    + "does not look the applicant up in the population registry)");
        }
        if (a.name() != null && a.name().length() > 255) {
            throw Problem.badRequest("applicant.name", "the applicant's name has at most 255 characters");
        }
        if (a.email() != null && !a.email().isBlank() && !a.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Problem.badRequest("applicant.email", "not an e-mail address: '" + a.email() + "'");
        }
        if (a.phone() != null && !a.phone().isBlank() && !a.phone().matches("\\+?[0-9 ]{8,15}")) {
            throw Problem.badRequest("applicant.phone", "not a phone number: '" + a.phone() + "'");
        }
        if (s.formData() != null) {
            if (s.formData().size() > 200) {
                throw Problem.badRequest("formData", "at most 200 form fields");
            }
            s.formData().forEach((name, value) -> {
                if (!VARIABLE_NAME.matcher(name).matches() || RecordIntake.PROCESS_VARIABLES.contains(name)) {
                    throw Problem.badRequest("formData." + name, "'" + name
                            + "' is not a usable field name (letters, digits, _; not one of " + RecordIntake.PROCESS_VARIABLES + ")");
                }
                if (APPLICANT_FIELDS.containsKey(name)) {
                    throw Problem.badRequest("formData." + name, "'" + name + "' is given as "
                            + APPLICANT_FIELDS.get(name) + ", not in formData");
                }
                if (vn.motcua.procedure.SystemVariables.isSystemOwned(name)) {
                    // the result's title, signer, number …: the system's, never the applicant's
                    throw Problem.badRequest("formData." + name, "'" + name
                            + "' is set by the system, not by the applicant");
                }
                if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    throw Problem.badRequest("formData." + name, "form fields hold text, numbers or true/false");
                }
                if (value instanceof String text) {
                    storable("formData." + name, text);
                }
            });
        }
        if (caller.userId() != null && !caller.isPortal()
                && !units.isMember(caller.userId(), s.unit(), Role.CLERK)) {
            throw Problem.forbidden(null, "only the portal or a clerk of unit " + s.unit()
                    + " may submit records to it");
        }
        intake.form().ifPresent(form -> checkAgainstForm(form, s, nameFromRegistry));
        return new Checked(procedure, intake);
    }

    /**
     * Refuses a text with control characters other than tab and line breaks: PostgreSQL cannot store
     * NUL (U+0000) at all, and the others only disguise what a text says on the forms.
     */
    static void storable(String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw Problem.badRequest(field, field + " contains the control character U+"
                        + String.format("%04X", (int) c) + " at position " + (i + 1) + "; remove it");
            }
        }
    }

    /** The process variables the applicant part of a submission becomes, with its field in the API. */
    static final Map<String, String> APPLICANT_FIELDS = Map.of("applicantPersonalId", "applicant.personalId",
            "applicantName", "applicant.name", "applicantPhone", "applicant.phone", "applicantEmail", "applicant.email",
            "applicantAddress", "applicant.address");

    /**
     * The submission against the procedure's application form, as Tasklist checks the same form:
     * {@code formData} holds only the form's fields, the applicant's fields the form has are checked
     * by its rules too; the receiving unit is checked by the directory, not by the form's options.
     * The first problem is answered (400 naming the field); the others are listed in its detail.
     */
    private void checkAgainstForm(ApplicationForm form, Submission s, boolean nameFromRegistry) {
        Map<String, Object> values = new HashMap<>(s.formData() == null ? Map.of() : s.formData());
        Applicant a = s.applicant();
        Map<String, Object> applicant = new HashMap<>();
        applicant.put("applicantPersonalId", a.personalId());
        applicant.put("applicantName", a.name());
        applicant.put("applicantPhone", a.phone());
        applicant.put("applicantEmail", a.email());
        applicant.put("applicantAddress", a.address());
        applicant.forEach((name, value) -> {
            if (form.fields().containsKey(name) && value != null) {
                values.put(name, value);
            }
        });
        java.util.Set<String> notRequired = new java.util.HashSet<>(RecordIntake.PROCESS_VARIABLES);
        if (nameFromRegistry) {
            notRequired.add("applicantName");
        }
        List<ApplicationForm.Problem> problems = form.check(values, notRequired, units::exists).stream()
                .filter(problem -> !RecordIntake.PROCESS_VARIABLES.contains(problem.key())).toList();
        if (!problems.isEmpty()) {
            ApplicationForm.Problem first = problems.get(0);
            String others = problems.size() == 1 ? "" : " (also: " + problems.stream().skip(1)
                    .map(p -> apiField(p.key())).collect(java.util.stream.Collectors.joining(", ")) + ")";
            throw Problem.badRequest(apiField(first.key()), first.message() + others);
        }
    }

    private static String apiField(String variable) {
        return APPLICANT_FIELDS.getOrDefault(variable, "formData." + variable);
    }

    /** The unit receives the procedure's records: of its level, and the unit or kind the model names (if any). */
    static void requireCompetent(ProcedureSummary procedure, String unit) {
        if (procedure != null && !procedure.isCompetent(unit)) {
            throw Problem.badRequest("unit", "unit '" + unit + "' does not receive procedure "
                    + procedure.code() + " (" + procedure.name() + "); it is received by " + procedure.competence());
        }
    }
}
