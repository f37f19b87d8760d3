package vn.motcua.record;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.motcua.record.pdf.FormData;
import vn.motcua.record.pdf.LegalForm;
import vn.motcua.record.pdf.PdfForms;
import vn.motcua.security.StaffDirectory;
import vn.motcua.security.UnitDirectory;

/** Renders the legal forms (01 receipt, 02, 03, 05, the result) for a record and keeps them with it. */
@Component
class IssuedDocuments {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String PARENT_UNIT_NAME = "parentUnitName";

    private final PdfForms pdf;
    private final DocumentStore documents;
    private final UnitDirectory units;
    private final StaffDirectory staff;

    IssuedDocuments(RecordProperties properties, DocumentStore documents, UnitDirectory units, StaffDirectory staff) {
        this.pdf = new PdfForms(properties.templatesDir());
        this.documents = documents;
        this.units = units;
        this.staff = staff;
    }

    StoredDocument issue(RecordRow record, LegalForm form, DocumentKind kind, String reasons, Map<String, String> extra,
            String step, String actor) {
        List<FormData.DocumentLine> received = documents.list(record.code()).stream()
                .filter(document -> !document.kind().issued())
                .map(document -> new FormData.DocumentLine(document.name(),
                        document.digitised() ? "bản số hóa" : "bản điện tử"))
                .toList();
        FormData data = new FormData(units.name(record.unit()), record.code(), record.procedureName(),
                record.applicant().name(), record.applicant().personalId(), record.applicant().address(),
                record.applicant().phone(), Instant.now().atZone(VIETNAM),
                record.appointmentAt() == null ? null : record.appointmentAt().atZone(VIETNAM), received, reasons,
                // a drafted result is signed digitally by the leader later: no name under its signature block
                kind == DocumentKind.RESULT_DRAFT ? "" : staff.fullName(actor), headed(record.unit(), extra));
        // the result (or rejection) in the procedure's own wording (templates/result-<process key>.txt,
        // rejection-<process key>.txt) when there is one
        boolean procedureOwn = form == LegalForm.RESULT || form == LegalForm.REJECTION;
        byte[] rendered = pdf.render(form, procedureOwn ? record.processKey() : null, data);
        String name = kind.id() + "-" + record.code() + ".pdf";
        return documents.storeIssued(record.code(), name, rendered, kind, step, actor);
    }

    /**
     * The heading's governing body line (cơ quan chủ quản, {@code extra.parentUnitName}) from the
     * organisation — e.g. the provincial People's Committee above a department — unless given.
     */
    Map<String, String> headed(String unit, Map<String, String> extra) {
        Map<String, String> headed = new java.util.HashMap<>(extra == null ? Map.of() : extra);
        if (headed.get(PARENT_UNIT_NAME) == null || headed.get(PARENT_UNIT_NAME).isBlank()) {
            units.governingBodyName(unit).ifPresent(name -> headed.put(PARENT_UNIT_NAME, name));
        }
        return headed;
    }
}
