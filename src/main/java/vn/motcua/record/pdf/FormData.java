package vn.motcua.record.pdf;

import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a form says. Every text may be null (it renders empty); {@code documents} and
 * {@code extra} may be null (empty).
 *
 * @param unitName            the issuing unit, drawn top-left (e.g. "Ủy ban nhân dân xã A")
 * @param recordCode          the record's code (mã hồ sơ)
 * @param procedureName       the administrative procedure (e.g. "Đăng ký khai sinh")
 * @param applicantName       the applicant, as written with diacritics
 * @param applicantPersonalId personal identification number (số định danh cá nhân)
 * @param applicantAddress    the applicant's address
 * @param applicantPhone      the applicant's phone number
 * @param issuedAt            when this document is issued (receipt time for form 01)
 * @param appointmentAt       the (new) date to return the result; null when there is none
 * @param documents           the record's documents, shown in the documents table
 * @param reasons             missing documents (02), refusal reasons (03), lateness reason (04),
 *                            stop reasons (05); one item a line
 * @param officerName         who signs / issues the document
 * @param extra               free fields for templates: {@code ${extra.<key>}}
 */
public record FormData(String unitName, String recordCode, String procedureName, String applicantName,
        String applicantPersonalId, String applicantAddress, String applicantPhone, ZonedDateTime issuedAt,
        ZonedDateTime appointmentAt, List<DocumentLine> documents, String reasons, String officerName,
        Map<String, String> extra) {

    public FormData {
        documents = documents == null ? List.of()
                : documents.stream().filter(Objects::nonNull).toList();
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
     * One line of the documents table.
     *
     * @param name the document's name (tên giấy tờ)
     * @param kind its form: "bản gốc", "bản sao", "bản điện tử", "bản số hóa" …
     */
    public record DocumentLine(String name, String kind) {
    }
}
