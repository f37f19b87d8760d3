package vn.motcua.record.pdf;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a document says. Every text may be null (it renders empty); lists and {@code extra} may be null
 * (empty). The templates see these under the names of the components (docs/templates.md).
 *
 * @param issuer            who issues it: the heading (parent unit, unit, place) and who signs it
 * @param recordCode        the record's code (mã hồ sơ)
 * @param procedureName     the administrative procedure (e.g. "Đăng ký khai sinh")
 * @param applicant         the applicant
 * @param issuedAt          when this document is issued (receipt time for form 01)
 * @param receivedAt        when the record was received (accepted at reception); null before
 * @param appointmentAt     the (new) date to return the result; null when there is none
 * @param processingDays    the procedure's statutory processing time in working days; null when unknown
 * @param requiredDocuments the procedure's required documents (thành phần hồ sơ, the model's
 *                          {@code procedure.document.N})
 * @param documents         the files the record holds (received or digitised)
 * @param reasons           missing documents (02), refusal reasons (03), lateness reason (04), stop
 *                          reasons (05), a rejection's reasons; one item a line
 * @param recipients        "Nơi nhận", one a line; empty: the template's own
 * @param forSigning        the result, signed later: the number and the date are left as form fields
 *                          ({@code documentNumber}, {@code issuedOn}) filled at issuing, and the signer's
 *                          block holds the signature fields ({@code leaderSignature}, {@code unitSeal})
 * @param extra             the record's variables and other free fields: {@code ${extra.<key>}}
 */
public record FormData(Issuer issuer, String recordCode, String procedureName, Applicant applicant,
        ZonedDateTime issuedAt, ZonedDateTime receivedAt, ZonedDateTime appointmentAt, BigDecimal processingDays,
        List<RequiredDocument> requiredDocuments, List<DocumentLine> documents, String reasons,
        List<String> recipients, boolean forSigning, Map<String, String> extra) {

    public FormData {
        issuer = issuer != null ? issuer : new Issuer(null, null, null, null, null, null);
        applicant = applicant != null ? applicant : new Applicant(null, null, null, null, null);
        requiredDocuments = requiredDocuments == null ? List.of()
                : requiredDocuments.stream().filter(Objects::nonNull).toList();
        documents = documents == null ? List.of() : documents.stream().filter(Objects::nonNull).toList();
        recipients = recipients == null ? List.of() : recipients.stream().filter(Objects::nonNull).toList();
        Map<String, String> copy = new LinkedHashMap<>();
        if (extra != null) {
            extra.forEach((key, value) -> {
                if (key != null) {
                    copy.put(key, value);
                }
            });
        }
        extra = Collections.unmodifiableMap(copy);
    }

    /**
     * The issuing body and its signer, as Decree 30/2020/NĐ-CP heads and closes a document.
     *
     * @param unitName       the issuing unit (tên cơ quan ban hành), e.g. "Ủy ban nhân dân xã A"
     * @param parentUnitName the governing body above it (cơ quan chủ quản), e.g. "Ủy ban nhân dân tỉnh Hưng Yên"; may be null
     * @param place          the place before the date (địa danh), e.g. "Xã A", "Hưng Yên"
     * @param documentNumber the number and symbol (số, ký hiệu) when known at rendering; null for the result,
     *                       numbered at issuing
     * @param signerTitle    who signs, one line each, e.g. "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "NGƯỜI TIẾP NHẬN HỒ SƠ"
     * @param signerName     the signer's full name; null when it is filled in at signing (the result)
     */
    public record Issuer(String unitName, String parentUnitName, String place, String documentNumber,
            String signerTitle, String signerName) {
    }

    /** The applicant (người nộp hồ sơ). */
    public record Applicant(String name, String personalId, String address, String phone, String email) {
    }

    /**
     * One of the procedure's required documents.
     *
     * @param name     its name (tên giấy tờ)
     * @param required false when only needed in some cases (printed "nếu có")
     */
    public record RequiredDocument(String name, boolean required) {
    }

    /**
     * One file the record holds.
     *
     * @param name the file's name
     * @param kind its form: "bản điện tử", "bản số hóa" …
     */
    public record DocumentLine(String name, String kind) {
    }
}
