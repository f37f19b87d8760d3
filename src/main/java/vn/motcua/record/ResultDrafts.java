package vn.motcua.record;

import java.util.Map;

import org.springframework.stereotype.Component;

import vn.motcua.notice.NoticeProperties;
import vn.motcua.record.pdf.LegalForm;

/**
 * The result's draft: made when the record reaches approval with appraisal's proposal, with a QR
 * code to the public verification page, for the leader to sign ({@link ResultSigning}).
 *
 * <p>On the page (docs/signatures.md): the draft has empty fields for the number, the date and the
 * signer's name and unsigned signature fields ({@link vn.motcua.record.pdf.SigningFields}), filled
 * when the leader signs and when the unit seals ({@link ResultSealing}).
 */
@Component
class ResultDrafts {

    private final IssuedDocuments issued;
    private final NoticeProperties notices;

    ResultDrafts(IssuedDocuments issued, NoticeProperties notices) {
        this.issued = issued;
        this.notices = notices;
    }

    /** The public page where anyone checks the record's result. */
    String verifyUrl(String code) {
        return notices.publicUrl() + "/verify/" + code;
    }

    /**
     * The record reaches approval with appraisal's proposal to approve (or to reject): the result
     * (or the reasoned rejection) is drafted for the leader to sign, with every variable the record
     * has by then — a consultation's opinion included. The variables fill the template as
     * {@code ${extra.<name>}} (e.g. {@code ${extra.childFullName}} in
     * {@code templates/result-birth-registration.html}); see {@link #extra}.
     */
    void draft(RecordRow record, Map<String, Object> variables, boolean rejection, String actor) {
        Map<String, String> extra = extra(record, variables);
        String reasons = rejection ? rejectionReasons(extra) : extra.getOrDefault("appraisalNotes", "");
        issued.issue(record, rejection ? LegalForm.REJECTION : LegalForm.RESULT, DocumentKind.RESULT_DRAFT, reasons,
                extra, "appraisal", actor);
    }

    /**
     * The template's {@code extra}: every variable that is text, a number or true/false under its own
     * name except the system's ({@link vn.motcua.procedure.SystemVariables}: the document's title,
     * signer's title and number are the system's, whatever a form said), and {@code verifyUrl}, the
     * public verification page. {@code decision} is the variable {@code decision} when the process sets one, else appraisal's notes ({@code appraisalNotes}).
     */
    Map<String, String> extra(RecordRow record, Map<String, Object> variables) {
        Map<String, String> extra = new java.util.HashMap<>();
        variables.forEach((name, value) -> {
            // what the system prints (title, signer's title, number, heading …) never comes from a variable
            if ((value instanceof String || value instanceof Number || value instanceof Boolean)
                    && !vn.motcua.procedure.SystemVariables.isSystemOwned(name)) {
                extra.put(name, value.toString());
            }
        });
        extra.put("verifyUrl", verifyUrl(record.code()));
        String notes = extra.getOrDefault("appraisalNotes", "");
        if (extra.getOrDefault("decision", "").isBlank() && !notes.isBlank()) {
            extra.put("decision", notes);
        }
        return extra;
    }

    /** Why the application is rejected: {@code rejectionReasons} when the process sets it, else appraisal's notes. */
    private static String rejectionReasons(Map<String, String> extra) {
        String reasons = extra.getOrDefault("rejectionReasons", "");
        return reasons.isBlank() ? extra.getOrDefault("appraisalNotes", "") : reasons;
    }
}
