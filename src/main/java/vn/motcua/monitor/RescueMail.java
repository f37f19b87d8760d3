package vn.motcua.monitor;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.deadline.Deadlines;
import vn.motcua.notice.NoticeOutbox;
import vn.motcua.notice.NoticeProperties;
import vn.motcua.security.Role;
import vn.motcua.security.StaffDirectory;
import vn.motcua.security.UnitRole;

/**
 * The leaders' morning e-mail (thư buổi sáng): on each working day, from {@code motcua.monitor.morning-mail-at}
 * (07:00 by default), every unit with records foreseen late ({@link LatenessForecast}) has its leaders sent the
 * rescue list, through the notice outbox. Every node checks; the day is claimed by a row of
 * {@code monitor_morning_mail} in the transaction that queues the e-mails, so one node sends them, once, and a
 * node that fails before committing leaves the day to the next check.
 */
@Component
class RescueMail {

    private final JdbcClient jdbc;
    private final LatenessForecast forecast;
    private final KpiQueries queries;
    private final StaffDirectory staff;
    private final NoticeOutbox outbox;
    private final NoticeProperties notices;
    private final Deadlines deadlines;
    private final TransactionTemplate tx;
    private final LocalTime sendAt;

    RescueMail(JdbcClient jdbc, LatenessForecast forecast, KpiQueries queries, StaffDirectory staff, NoticeOutbox outbox,
            NoticeProperties notices, Deadlines deadlines, PlatformTransactionManager transactions,
            @Value("${motcua.monitor.morning-mail-at:07:00}") LocalTime sendAt) {
        this.jdbc = jdbc;
        this.forecast = forecast;
        this.queries = queries;
        this.staff = staff;
        this.outbox = outbox;
        this.notices = notices;
        this.deadlines = deadlines;
        this.tx = new TransactionTemplate(transactions);
        this.sendAt = sendAt;
    }

    @Scheduled(fixedDelayString = "${motcua.monitor.morning-mail-check:PT10M}",
            initialDelayString = "${motcua.monitor.morning-mail-check:PT10M}")
    void check() {
        send(deadlines.now());
    }

    /** Sends the day's e-mails if it is time and no node has; returns how many were queued (0: none or not now). */
    int send(Instant now) {
        ZonedDateTime local = now.atZone(deadlines.calendar().zone());
        LocalDate day = local.toLocalDate();
        if (local.toLocalTime().isBefore(sendAt) || !deadlines.calendar().isWorkingDay(day)) {
            return 0;
        }
        Integer queued = tx.execute(status -> {
            try {
                jdbc.sql("insert into monitor_morning_mail (for_day, claimed_by, claimed_at) values (?, ?, ?)")
                        .params(day, node(), java.sql.Timestamp.from(now)).update();
            } catch (DuplicateKeyException sentAlready) {
                return 0;
            }
            int mails = 0;
            for (Map.Entry<String, String> unit : queries.units().entrySet()) {
                List<LatenessForecast.Row> rescue = forecast.forecast(Map.of(unit.getKey(), unit.getValue()), null, now)
                        .stream().filter(LatenessForecast.Row::foreseenLate).toList();
                if (rescue.isEmpty()) {
                    continue;
                }
                String leaders = new UnitRole(unit.getKey(), Role.LEADER).groupId();
                for (Map.Entry<String, String> leader : staff.addressesOf(leaders).entrySet()) {
                    outbox.enqueue("rescue-" + unit.getKey() + "-" + day, leader.getKey(),
                            "[motcua] Hồ sơ cần cứu hôm nay / Records to rescue today: " + unit.getValue() + " ("
                                    + rescue.size() + ")",
                            body(leader.getValue(), unit.getValue(), rescue), now);
                    mails++;
                }
            }
            jdbc.sql("update monitor_morning_mail set mails = ? where for_day = ?").params(mails, day).update();
            return mails;
        });
        return queued == null ? 0 : queued;
    }

    private String body(String name, String unitName, List<LatenessForecast.Row> rescue) {
        DateTimeFormatter when = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(deadlines.calendar().zone());
        StringBuilder vi = new StringBuilder("Kính gửi " + name + ",\n\nCác hồ sơ của " + unitName
                + " được dự báo sẽ trễ hẹn nếu không được đẩy nhanh (xếp theo điểm Chỉ số 766 có thể mất):\n\n");
        StringBuilder en = new StringBuilder("\n----\nRecords of " + unitName
                + " foreseen late unless they are moved on (most points of Decision 766 at risk first):\n\n");
        int n = 0;
        for (LatenessForecast.Row r : rescue) {
            n++;
            String link = notices.publicUrl() + "/records/" + r.recordCode();
            String task = r.taskUrl() == null ? "" : " — " + notices.publicUrl() + r.taskUrl();
            vi.append(n).append(". ").append(r.recordCode()).append(", bước ").append(r.step()).append(", người giữ ")
                    .append(r.holder()).append(", hẹn trả ").append(when.format(r.appointmentAt())).append(", còn ")
                    .append(r.hoursLeft()).append(" giờ, cần ").append(r.hoursNeeded()).append(" giờ, điểm có thể mất ")
                    .append(r.pointsAtRisk()).append(": ").append(link).append(task).append('\n');
            en.append(n).append(". ").append(r.recordCode()).append(", step ").append(r.step()).append(", held by ")
                    .append(r.holder()).append(", appointment ").append(when.format(r.appointmentAt())).append(", ")
                    .append(r.hoursLeft()).append(" h left, needs ").append(r.hoursNeeded()).append(" h, points at risk ")
                    .append(r.pointsAtRisk()).append('\n');
        }
        return vi.append(en).append("\nBảng điều khiển / Dashboard: ").append(notices.publicUrl()).append("/monitor\n\n-- motcua")
                .toString();
    }

    private static String node() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
        } catch (java.io.IOException e) {
            return "node/" + ProcessHandle.current().pid();
        }
    }
}
