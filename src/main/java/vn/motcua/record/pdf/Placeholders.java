package vn.motcua.record.pdf;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills {@code ${field}} and {@code ${field|default}} placeholders from a form's data. An
 * unknown field renders empty (or its default) and is logged; nothing here throws on bad input.
 */
final class Placeholders {

    private static final Logger log = LoggerFactory.getLogger(Placeholders.class);

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** "08 giờ 30 phút, ngày 27 tháng 11 năm 2026". */
    static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("HH 'giờ' mm 'phút', 'ngày' dd 'tháng' MM 'năm' yyyy");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}|]*)(?:\\|([^}]*))?}");

    /** The fields a template may name, besides {@code extra.<key>}. */
    static final List<String> FIELDS = List.of("unitName", "recordCode", "procedureName", "applicantName",
            "applicantPersonalId", "applicantAddress", "applicantPhone", "issuedAt", "issuedDate",
            "appointmentAt", "appointmentDate", "reasons", "officerName", "formNumber", "documentCount");

    /** A text with its placeholders filled; {@code anyEmpty} when one of them had no value. */
    record Expansion(String text, boolean anyEmpty) {
    }

    private final LegalForm form;
    private final FormData data;
    private final String templateName;

    Placeholders(LegalForm form, FormData data, String templateName) {
        this.form = form;
        this.data = data;
        this.templateName = templateName;
    }

    Expansion expand(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean anyEmpty = false;
        while (matcher.find()) {
            String name = matcher.group(1).strip();
            String fallback = matcher.group(2);
            String value = value(name);
            if (value == null || value.isBlank()) {
                value = fallback == null ? "" : fallback;
                anyEmpty |= value.isBlank();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return new Expansion(out.toString(), anyEmpty);
    }

    /**
     * Splits {@code text} on {@code separator} outside placeholders, so that a default such as
     * {@code ${extra.signerTitle|CHỦ TỊCH}} stays whole.
     */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts;
    }

    private String value(String name) {
        if (name.startsWith("extra.")) {
            String key = name.substring("extra.".length());
            String value = data.extra().get(key);
            if (value == null) {
                log.debug("template {}: no value for ${{}}", templateName, name);
            }
            return value;
        }
        return switch (name) {
            case "unitName" -> data.unitName();
            case "recordCode" -> data.recordCode();
            case "procedureName" -> data.procedureName();
            case "applicantName" -> data.applicantName();
            case "applicantPersonalId" -> data.applicantPersonalId();
            case "applicantAddress" -> data.applicantAddress();
            case "applicantPhone" -> data.applicantPhone();
            case "issuedAt" -> dateTime(data.issuedAt());
            case "issuedDate" -> date(data.issuedAt());
            case "appointmentAt" -> dateTime(data.appointmentAt());
            case "appointmentDate" -> date(data.appointmentAt());
            case "reasons" -> data.reasons();
            case "officerName" -> data.officerName();
            case "formNumber" -> form.number();
            case "documentCount" -> String.valueOf(data.documents().size());
            default -> {
                log.warn("template {}: unknown placeholder ${{}} rendered empty", templateName, name);
                yield null;
            }
        };
    }

    /** "08 giờ 30 phút, ngày 27 tháng 11 năm 2026", in Vietnam's time; null for null. */
    static String dateTime(ZonedDateTime at) {
        return at == null ? null : at.withZoneSameInstant(VIETNAM).format(DATE_TIME);
    }

    /**
     * "ngày 05 tháng 3 năm 2026" as administrative documents write dates (Decree 30/2020/NĐ-CP):
     * a zero before days under 10 and before months 1 and 2; null for null.
     */
    static String date(ZonedDateTime at) {
        if (at == null) {
            return null;
        }
        ZonedDateTime local = at.withZoneSameInstant(VIETNAM);
        int day = local.getDayOfMonth();
        int month = local.getMonthValue();
        return "ngày " + (day < 10 ? "0" : "") + day
                + " tháng " + (month < 3 ? "0" : "") + month
                + " năm " + local.getYear();
    }
}
