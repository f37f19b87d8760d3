package vn.motcua.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** What a notice says, Vietnamese first, then English: the Tasklist notice and the e-mail. */
final class NoticeTexts {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final EscalationNotice notice;
    private final String assigneeName;
    private final String taskLink;
    private final ZoneId zone;
    private final Duration workingDay;
    private final Notified notified;

    /**
     * Who is told, by name, and what the levels before were told and did.
     *
     * @param vi      e.g. "Lãnh đạo Ủy ban nhân dân xã A"
     * @param en      e.g. "the leaders of People's Committee of Commune A"
     * @param earlier one line per earlier level, Vietnamese / English ("" at level 1)
     */
    record Notified(String vi, String en, String earlier) {
    }

    /** {@code assigneeName}: the holder of the overdue step by name (a leader knows people, not logins). */
    NoticeTexts(EscalationNotice notice, String assigneeName, String publicUrl, ZoneId zone, Duration workingDay,
            Notified notified) {
        this.notice = notice;
        this.assigneeName = assigneeName;
        this.taskLink = notice.recordCode() != null ? recordLink(publicUrl, notice.recordCode())
                : taskLink(publicUrl, notice.taskId());
        this.zone = zone;
        this.workingDay = workingDay;
        this.notified = notified;
    }

    /** The overdue task in Tasklist (a process without a record). */
    static String taskLink(String publicUrl, String taskId) {
        return publicUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    /** The record page: who holds the late step, for how long, and the leader's actions on it. */
    static String recordLink(String publicUrl, String recordCode) {
        return publicUrl + "/records/" + recordCode;
    }

    String link() {
        return taskLink;
    }

    /** The name of the leaders' notice task in Tasklist. */
    String taskName() {
        String level = notice.level() > 1 ? " (cấp " + notice.level() + ")" : "";
        String levelEn = notice.level() > 1 ? " (level " + notice.level() + ")" : "";
        return cut("Quá hạn" + level + " / Overdue" + levelEn + ": " + notice.stepName() + " — " + record(), 255);
    }

    /**
     * What the notice's form in Tasklist shows, as variables of the notice: names, the deadline and
     * the lateness in working time as of {@code now} (refreshed whenever the form opens).
     */
    java.util.Map<String, Object> formFacts(String stepUnitName, Instant now) {
        java.util.Map<String, Object> facts = new java.util.LinkedHashMap<>();
        facts.put("procedureName", notice.procedureName());
        facts.put("stepName", notice.stepName());
        facts.put("stepUnitName", stepUnitName);
        facts.put("holderName", assigneeName != null ? assigneeName : "chưa giao / unassigned");
        facts.put("deadline", due());
        facts.put("lateness", lateVi() + " / " + lateEn());
        facts.put("latenessAt", at(now, zone));
        facts.put("notifiedName", notified.vi() + " / " + notified.en());
        facts.put("earlierLevels", notified.earlier());
        return facts;
    }

    /** A moment as people here write it: dd/MM/yyyy HH:mm in the calendar's zone. */
    static String at(Instant instant, ZoneId zone) {
        return DATE_TIME.format(instant.atZone(zone));
    }

    String subject() {
        return cut("[motcua] " + taskName(), 500);
    }

    /** The notice task's description: every fact in one paragraph per language. */
    String description() {
        return cut("Hồ sơ " + record() + " (" + notice.procedureName() + ") quá hạn ở bước \"" + notice.stepName()
                + "\", người xử lý: " + assigneeVi() + ", hạn " + due() + ", quá hạn " + lateVi() + ". Mở: " + taskLink
                + "\n\nRecord " + record() + " (" + notice.procedureName() + ") is overdue at the step \""
                + notice.stepName() + "\", assignee: " + assigneeEn() + ", due " + due() + ", late by " + lateEn()
                + ". Open: " + taskLink
                + (notified.earlier().isEmpty() ? "" : "\n\n" + notified.earlier())
                + "\n\nMở hồ sơ để giao lại hoặc nhắc người xử lý, và xác nhận đã nắm; thông báo tự đóng khi bước xong."
                + " / Open the record to reassign or remind the holder and acknowledge; the notice closes when the"
                + " step is done.", 4000);
    }

    String body(String recipientName) {
        String name = recipientName == null || recipientName.isBlank() ? "" : " " + recipientName.strip();
        return """
                Kính gửi%1$s,

                Hồ sơ %2$s (%3$s) đã quá hạn ở bước "%4$s".
                - Người xử lý: %5$s
                - Hạn xử lý: %6$s
                - Quá hạn: %7$s
                - Cấp thông báo: %8$d (%9$s)
                %13$s
                Mở hồ sơ, giao lại hoặc nhắc người xử lý, xác nhận đã nắm: %10$s

                Thông báo này cũng có trong Tasklist (bộ lọc "Thông báo"); nó tự đóng khi bước được xử lý xong.

                ----
                Dear%1$s,

                Record %2$s (%3$s) is overdue at the step "%4$s".
                - Assignee: %11$s
                - Due: %6$s
                - Late by: %12$s
                - Escalation level: %8$d (%14$s)
                %15$s
                Open the record, reassign or remind the holder, acknowledge: %10$s

                This notice is also in your Tasklist (filter "Notices"); it closes when the step is done.

                -- motcua
                """.formatted(name, record(), notice.procedureName(), notice.stepName(), assigneeVi(), due(), lateVi(),
                notice.level(), notified.vi(), taskLink, assigneeEn(), lateEn(), earlierVi(), notified.en(), earlierEn());
    }

    String lateVi() {
        return Lateness.vi(notice.overdue(), workingDay);
    }

    String lateEn() {
        return Lateness.en(notice.overdue(), workingDay);
    }

    private String earlierVi() {
        return notified.earlier().isEmpty() ? "" : "- " + notified.earlier().split(" / ", 2)[0];
    }

    private String earlierEn() {
        String[] both = notified.earlier().split(" / ", 2);
        return both.length < 2 ? "" : "- " + both[1];
    }

    private String record() {
        return notice.recordCode() != null ? notice.recordCode() : notice.processInstanceId();
    }

    private String assigneeVi() {
        return assigneeName != null ? assigneeName : "chưa giao";
    }

    private String assigneeEn() {
        return assigneeName != null ? assigneeName : "unassigned";
    }

    private String due() {
        Instant due = notice.dueAt();
        return due == null ? "—" : at(due, zone);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
