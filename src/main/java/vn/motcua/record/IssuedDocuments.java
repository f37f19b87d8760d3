package vn.motcua.record;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import vn.motcua.procedure.ProcedureCatalogue;
import vn.motcua.procedure.ProcedureSummary;
import vn.motcua.record.pdf.Formats;
import vn.motcua.record.pdf.FormData;
import vn.motcua.record.pdf.LegalForm;
import vn.motcua.record.pdf.PdfForms;
import vn.motcua.security.StaffDirectory;
import vn.motcua.security.Unit;
import vn.motcua.security.UnitDirectory;

/** Renders the documents (01 receipt, 02–05, the result) for a record and keeps them with it. */
@Component
class IssuedDocuments {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IssuedDocuments.class);

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String COMMITTEE = "ủy ban nhân dân ";

    private final PdfForms pdf;
    private final DocumentStore documents;
    private final UnitDirectory units;
    private final StaffDirectory staff;
    private final ProcedureCatalogue catalogue;
    private final IssuerProperties issuers;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final TrackingTokens tokens;
    private final vn.motcua.notice.NoticeProperties notices;

    IssuedDocuments(RecordProperties properties, DocumentStore documents, UnitDirectory units, StaffDirectory staff,
            ProcedureCatalogue catalogue, IssuerProperties issuers, io.micrometer.core.instrument.MeterRegistry meters,
            TrackingTokens tokens, vn.motcua.notice.NoticeProperties notices) {
        this.tokens = tokens;
        this.notices = notices;
        this.pdf = new PdfForms(properties.templatesDir(), new Formats(units::name, staff::fullName));
        this.documents = documents;
        this.units = units;
        this.staff = staff;
        this.catalogue = catalogue;
        this.issuers = issuers;
        this.meters = meters;
    }

    StoredDocument issue(RecordRow record, LegalForm form, DocumentKind kind, String reasons, Map<String, String> extra,
            String step, String actor) {
        if (form == LegalForm.RECEIPT) { // its QR code opens the record's tracking page (the applicant's)
            extra = new java.util.HashMap<>(extra);
            extra.put("trackingUrl", trackingUrl(record.code()));
        }
        byte[] rendered = render(record, form, kind, reasons, extra, actor);
        String name = kind.id() + "-" + record.code() + ".pdf";
        return documents.storeIssued(record.code(), name, rendered, kind, step, actor);
    }

    byte[] render(RecordRow record, LegalForm form, DocumentKind kind, String reasons, Map<String, String> extra,
            String actor) {
        List<FormData.DocumentLine> received = documents.list(record.code()).stream()
                .filter(document -> !document.kind().issued())
                .map(document -> new FormData.DocumentLine(document.name(),
                        document.digitised() ? "bản số hóa" : "bản điện tử"))
                .toList();
        Optional<ProcedureSummary> procedure = record.procedureCode() == null ? Optional.empty()
                : catalogue.find(record.procedureCode());
        boolean result = form == LegalForm.RESULT || form == LegalForm.REJECTION;
        // the drafted result is signed later: its signer's name is filled in the leader's revision
        boolean forSigning = kind == DocumentKind.RESULT_DRAFT;
        FormData.Issuer issuer = new FormData.Issuer(units.name(record.unit()),
                units.governingBodyName(record.unit()).orElse(null), place(record.unit()), null,
                signerTitle(form, record.unit()), forSigning ? null : staff.fullName(actor));
        var applicant = record.applicant();
        FormData data = new FormData(issuer, record.code(), record.procedureName(),
                new FormData.Applicant(applicant.name(), applicant.personalId(), applicant.address(),
                        applicant.phone(), applicant.email()),
                Instant.now().atZone(VIETNAM), zoned(record.acceptedAt()), zoned(record.appointmentAt()),
                procedure.map(ProcedureSummary::processingDays).orElse(null),
                procedure.map(p -> p.documents().stream()
                        .map(d -> new FormData.RequiredDocument(d.name(), d.required())).toList()).orElse(List.of()),
                received, reasons, recipients(form, record), forSigning, extra);
        // the result (or rejection) in the procedure's own wording (templates/result-<process key>.html,
        // rejection-<process key>.html) when there is one
        // rendering time by form, for operators (docs/operations.md): the one CPU-heavy step of a clerk's click
        return io.micrometer.core.instrument.Timer.builder("motcua.documents.render")
                .description("Rendering an issued document (HTML template to PDF/A)")
                .tag("form", form.templateName())
                .register(meters)
                .record(() -> pdf.render(form, result ? record.processKey() : null, data));
    }

    /** The tracking page of the record, with the token that opens it without the secret. */
    String trackingUrl(String code) {
        return notices.publicUrl() + TrackingPage.PATH + "?ma=" + code + "&t=" + tokens.of(code);
    }

    private static java.time.ZonedDateTime zoned(Instant at) {
        return at == null ? null : at.atZone(VIETNAM);
    }

    /** Who signs: the one-stop clerk on 01–03, the head of the unit on the others. */
    String signerTitle(LegalForm form, String unit) {
        return switch (form) {
            case RECEIPT, REFUSAL -> "NGƯỜI TIẾP NHẬN HỒ SƠ";
            case SUPPLEMENT_REQUEST -> "NGƯỜI HƯỚNG DẪN";
            default -> headTitle(unit);
        };
    }

    /** The head's title for a unit: configured, else by its kind (a department's director, a committee's chair). */
    String headTitle(String unit) {
        String configured = issuers.of(unit).signerTitle();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String kind = units.find(unit).map(Unit::kind).orElse("");
        return kind.equals("department") ? "GIÁM ĐỐC" : "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
    }

    /**
     * The place before the date (Decree 30/2020/NĐ-CP): configured, else from the People's Committee's name
     * ("Ủy ban nhân dân xã A" → "Xã A", "… tỉnh Hưng Yên" → "Hưng Yên"); a department takes its parent's.
     */
    String place(String unit) {
        String configured = issuers.of(unit).place();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Optional<Unit> found = units.find(unit);
        if (found.isEmpty()) {
            return null;
        }
        String name = found.get().name().strip();
        if (name.toLowerCase(Locale.ROOT).startsWith(COMMITTEE)) {
            String area = name.substring(COMMITTEE.length()).strip();
            for (String province : List.of("tỉnh ", "thành phố ")) {
                if (area.toLowerCase(Locale.ROOT).startsWith(province) && "province".equals(found.get().kind())) {
                    return area.substring(province.length()).strip();
                }
            }
            return area.isEmpty() ? null : Character.toUpperCase(area.charAt(0)) + area.substring(1);
        }
        String parent = found.get().parent();
        return parent == null || parent.equals(unit) ? null : place(parent);
    }

    /** "Nơi nhận" of the documents the head signs: the applicant, and the unit's records office (lưu văn thư). */
    private static List<String> recipients(LegalForm form, RecordRow record) {
        return switch (form) {
            case APOLOGY, STOP_NOTICE, RESULT, REJECTION -> List.of("Ông/bà " + record.applicant().name(),
                    "Lưu: VT");
            default -> List.of();
        };
    }

    /** The seal's image configured for the unit (a PNG), if any and readable; else the seal is a red box. */
    Optional<byte[]> sealImage(String unit) {
        java.nio.file.Path path = issuers.of(unit).sealImage();
        if (path == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.nio.file.Files.readAllBytes(path));
        } catch (java.io.IOException e) {
            log.warn("cannot read the seal image of unit {} ({}): the seal shows as a box with the unit's name: {}",
                    unit, path, e.toString());
            return Optional.empty();
        }
    }

}
