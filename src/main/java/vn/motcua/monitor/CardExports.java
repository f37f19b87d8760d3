package vn.motcua.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A reengineering card as CSV and as PDF.
 *
 * <p>The CSV is long-form, one figure a line ({@code section,key,name,figure,value}: UTF-8 with a BOM, CRLF),
 * so a spreadsheet pivots it by unit, step, version or figure; an empty value is a rate with nothing to measure.
 */
final class CardExports {

    static final String CSV_HEADER = "section,key,name,figure,value";

    private CardExports() {
    }

    static byte[] csv(ReengineeringCard card) {
        List<String[]> lines = new ArrayList<>();
        lines.add(line("procedure", card.code(), card.name(), "period", card.period().kind() + " " + card.period().from()
                + " " + card.period().to()));
        lines.add(line("procedure", card.code(), card.name(), "level", card.level()));
        for (ReengineeringCard.ModelVersion v : card.versions()) {
            String key = Integer.toString(v.version());
            version(v).forEach((figure, value) -> lines.add(line("version", key, "", figure, value)));
            v.changes().forEach(change -> lines.add(line("version", key, "", "change", change)));
        }
        int n = 0;
        for (ReengineeringCard.DocumentLine d : card.model().documents()) {
            lines.add(line("document", Integer.toString(++n), d.name(), "suppliedBy",
                    d.registry() == null ? "applicant" : "registry:" + d.registry()));
            lines.add(line("document", Integer.toString(n), d.name(), "required", Boolean.toString(d.required())));
        }
        records(card.records()).forEach((figure, value) -> lines.add(line("records", "total", "Tổng / Total", figure, value)));
        for (ReengineeringCard.UnitLine u : card.units()) {
            records(u.records()).forEach((figure, value) -> lines.add(line("unit", u.unit(), u.name(), figure, value)));
        }
        for (ReengineeringCard.StepTime s : card.steps()) {
            step(s).forEach((figure, value) -> lines.add(line("step", s.step(), s.name(), figure, value)));
        }
        cost(card.cost()).forEach((figure, value) -> lines.add(line("cost", "", "", figure, value)));

        StringBuilder out = new StringBuilder("\uFEFF").append(CSV_HEADER).append("\r\n");
        for (String[] l : lines) {
            List<String> cells = new ArrayList<>();
            for (String cell : l) {
                cells.add(KpiTable.cell(cell == null ? "" : cell));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String[] line(String section, String key, String name, String figure, Object value) {
        return new String[] {section, key, name, figure, value == null ? "" : value instanceof BigDecimal b
                ? b.toPlainString() : value.toString()};
    }

    private static Map<String, Object> version(ReengineeringCard.ModelVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployedAt", v.deployedAt());
        m.put("lawDocuments", v.lawDocuments());
        m.put("applicantDocuments", v.applicantDocuments());
        m.put("fromRegistries", v.fromRegistries());
        m.put("steps", v.stepCount());
        m.put("handOffs", v.handOffs());
        m.put("processingDays", v.processingDays());
        m.put("fee", v.fee());
        m.put("fullyOnline", v.fullyOnline());
        return m;
    }

    private static Map<String, Object> records(ReengineeringCard.Records r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", r.received());
        m.put("resolved", r.resolved());
        m.put("earlyShare", r.earlyShare());
        m.put("onTimeShare", r.onTimeShare());
        m.put("lateShare", r.lateShare());
        m.put("onlineShare", r.onlineShare());
        m.put("fullyOnlineShare", r.fullyOnlineShare());
        m.put("feeRequested", r.feeRequested());
        m.put("paidOnlineShare", r.paidOnlineShare());
        m.put("eResultShare", r.eResultShare());
        m.put("reuseRate", r.reuseRate());
        m.put("satisfaction", r.satisfaction());
        m.put("statutoryDays", r.statutoryDays());
        m.put("medianDays", r.medianDays());
        m.put("p90Days", r.p90Days());
        m.put("handOffsMedian", r.handOffsMedian());
        return m;
    }

    private static Map<String, Object> step(ReengineeringCard.StepTime s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("budgetHours", s.budgetHours());
        m.put("completed", s.completed());
        m.put("late", s.late());
        m.put("minHours", s.minHours());
        m.put("q1Hours", s.q1Hours());
        m.put("medianHours", s.medianHours());
        m.put("q3Hours", s.q3Hours());
        m.put("p90Hours", s.p90Hours());
        m.put("maxHours", s.maxHours());
        return m;
    }

    private static Map<String, Object> cost(ReengineeringCard.ComplianceCost c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, ReengineeringCard.CostLine> e : List.of(Map.entry("before", c.before()),
                Map.entry("after", c.after()))) {
            ReengineeringCard.CostLine l = e.getValue();
            m.put(e.getKey() + ".hours", l.hours());
            m.put(e.getKey() + ".timeCost", l.timeCost());
            m.put(e.getKey() + ".trips", l.trips());
            m.put(e.getKey() + ".documents", l.documents());
            m.put(e.getKey() + ".copies", l.copies());
            m.put(e.getKey() + ".otherCost", l.otherCost());
            m.put(e.getKey() + ".fee", l.fee());
            m.put(e.getKey() + ".total", l.total());
        }
        m.put("savedPerFiling", c.savedPerFiling());
        m.put("filings", c.filings());
        m.put("savedInPeriod", c.savedInPeriod());
        m.put("hourlyIncome", c.hourlyIncome());
        return m;
    }

    private static final float[] DOCUMENT_WIDTHS = {24, 520, 238};
    private static final float[] FIGURE_WIDTHS = {300, 160, 160, 162};
    private static final float[] STEP_WIDTHS = {170, 70, 52, 52, 70, 70, 70, 70, 70, 88};

    /** The card as a PDF: the model against the template, the documents, the records' figures, the steps, the cost. */
    static byte[] pdf(ReengineeringCard card, ZoneId zone, Instant printedAt) {
        DateTimeFormatter when = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(zone);
        try (PDDocument document = new PDDocument()) {
            PDFont regular = MonitorPdf.font(document, MonitorPdf.REGULAR);
            PDFont bold = MonitorPdf.font(document, MonitorPdf.BOLD);
            document.getDocumentInformation().setTitle("Thẻ tái cấu trúc quy trình " + card.code());
            document.getDocumentInformation().setSubject("Reengineering card");
            document.getDocumentInformation().setProducer("motcua");
            MonitorPdf w = new MonitorPdf(document);
            float left = MonitorPdf.MARGIN;
            w.centred(bold, 13, "THẺ TÁI CẤU TRÚC QUY TRÌNH / REENGINEERING CARD");
            w.y -= 17;
            w.centred(bold, 10, card.name() + " (" + card.code() + ")");
            w.y -= 14;
            w.centred(regular, 9, "Kỳ / Period " + card.period().label() + " — phiên bản mô hình / model version "
                    + card.model().version());
            w.y -= 18;

            ReengineeringCard.ModelVersion m = card.model();
            w.text(bold, 10, left, "Quy trình so với mẫu 5 bước / The model against the five-step template");
            w.y -= 6;
            w.row(bold, FIGURE_WIDTHS, new String[] {"", "Luật quy định / The law", "Tại đây / Here", "Mẫu / Template"});
            w.row(regular, FIGURE_WIDTHS, new String[] {"Thành phần hồ sơ / Documents", Integer.toString(m.lawDocuments()),
                Integer.toString(m.applicantDocuments()) + " (" + m.fromRegistries() + " từ CSDL / from registries)", ""});
            w.row(regular, FIGURE_WIDTHS, new String[] {"Bước / Steps", "", Integer.toString(m.stepCount()),
                Integer.toString(card.templateSteps())});
            w.row(regular, FIGURE_WIDTHS, new String[] {"Chuyển giao / Hand-offs", "", Integer.toString(m.handOffs()),
                Integer.toString(card.templateHandOffs())});
            w.row(regular, FIGURE_WIDTHS, new String[] {"Thời hạn / Statutory time (ngày làm việc / working days)",
                plain(m.processingDays()), "trung vị / median " + plain(card.records().medianDays()) + ", P90 "
                        + plain(card.records().p90Days()), ""});
            w.y -= 10;
            w.text(bold, 10, left, "Thành phần hồ sơ / Documents");
            w.y -= 6;
            w.row(bold, DOCUMENT_WIDTHS, new String[] {"STT\nNo", "Giấy tờ / Document", "Ai cung cấp / Supplied by"});
            int n = 0;
            for (ReengineeringCard.DocumentLine d : m.documents()) {
                w.row(regular, DOCUMENT_WIDTHS, new String[] {Integer.toString(++n),
                    d.name() + (d.required() ? "" : " (không bắt buộc / optional)"),
                    d.registry() == null ? "Người nộp / Applicant" : d.registryName()});
            }
            w.y -= 10;
            w.text(bold, 10, left, "Hồ sơ trong kỳ / Records of the period");
            w.y -= 6;
            ReengineeringCard.Records r = card.records();
            String[][] figures = {
                {"Tiếp nhận / Received", Long.toString(r.received())},
                {"Đã giải quyết / Resolved", Long.toString(r.resolved())},
                {"Trước hạn / đúng hạn / quá hạn — Early / on time / late", pct(r.earlyShare()) + " / "
                        + pct(r.onTimeShare()) + " / " + pct(r.lateShare())},
                {"Nộp trực tuyến / Submitted online", pct(r.onlineShare())},
                {"Trực tuyến toàn trình / Fully online", pct(r.fullyOnlineShare())},
                {"Thanh toán trực tuyến / Paid online", pct(r.paidOnlineShare()) + " (" + r.feeRequested() + ")"},
                {"Kết quả điện tử / Electronic result", pct(r.eResultShare())},
                {"Tái sử dụng dữ liệu / Data reuse", pct(r.reuseRate())},
                {"Mức độ hài lòng / Satisfaction", plain(r.satisfaction())},
            };
            for (String[] f : figures) {
                w.row(regular, new float[] {460, 322}, f);
            }
            w.y -= 10;
            w.text(bold, 10, left, "Thời gian từng bước (giờ làm việc) / Time per step (working hours)");
            w.y -= 6;
            w.row(bold, STEP_WIDTHS, new String[] {"Bước / Step", "Định mức\nBudget", "Xong\nDone", "Trễ\nLate",
                "Min", "Q1", "Trung vị\nMedian", "Q3", "P90", "Max"});
            for (ReengineeringCard.StepTime s : card.steps()) {
                w.row(regular, STEP_WIDTHS, new String[] {s.name(), plain(s.budgetHours()), Long.toString(s.completed()),
                    Long.toString(s.late()), plain(s.minHours()), plain(s.q1Hours()), plain(s.medianHours()),
                    plain(s.q3Hours()), plain(s.p90Hours()), plain(s.maxHours())});
            }
            w.y -= 10;
            ReengineeringCard.ComplianceCost c = card.cost();
            w.text(bold, 10, left, "Chi phí tuân thủ một hồ sơ (VND) / Compliance cost of one filing (VND)");
            w.y -= 6;
            w.row(bold, FIGURE_WIDTHS, new String[] {"", "Giấy, theo luật / Paper, as the law lists it",
                "Tại đây / Here", "Tiết kiệm / Saved"});
            w.row(regular, FIGURE_WIDTHS, new String[] {"Giờ / Hours", plain(c.before().hours()), plain(c.after().hours()), ""});
            w.row(regular, FIGURE_WIDTHS, new String[] {"Chuyến đi / Trips", plain(c.before().trips()),
                plain(c.after().trips()), ""});
            w.row(regular, FIGURE_WIDTHS, new String[] {"Tổng / Total", plain(c.before().total()), plain(c.after().total()),
                plain(c.savedPerFiling()) + " × " + c.filings() + " = " + plain(c.savedInPeriod())});
            w.y -= 12;
            w.text(regular, 7, left, c.method());
            w.y -= 10;
            w.text(regular, 7, left, "In lúc / Printed " + when.format(printedAt) + " (giờ Việt Nam / Vietnam time) — motcua");
            return w.save();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }

    private static String pct(BigDecimal share) {
        return share == null ? "—" : share.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + " %";
    }
}
