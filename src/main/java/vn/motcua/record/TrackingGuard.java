package vn.motcua.record;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.motcua.web.Problem;

/**
 * Against guessing on the tracking page: failed attempts (a code and secret that do not match) are counted in
 * the database, so every node sees them, by the client's address and by the record's code; past the limit the
 * page answers 429 until the window has passed. A success counts nothing.
 */
@Component
class TrackingGuard {

    /**
     * {@code motcua.tracking.*}: how many failures a client, and a record, may have in their window.
     */
    @ConfigurationProperties("motcua.tracking")
    record Limits(@DefaultValue("10") int failuresPerClient, @DefaultValue("PT15M") Duration clientWindow,
            @DefaultValue("20") int failuresPerRecord, @DefaultValue("PT1H") Duration recordWindow) {
    }

    private final JdbcClient jdbc;
    private final Limits limits;

    TrackingGuard(JdbcClient jdbc, Limits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /** Refuses (429) a client or a record that failed too often lately. */
    void check(String client, String code) {
        Instant now = Instant.now();
        if (failures("client", client, now.minus(limits.clientWindow())) >= limits.failuresPerClient()) {
            throw Problem.tooManyRequests("ma", "quá nhiều lần tra cứu sai, xin thử lại sau / too many failed "
                    + "attempts from this address: try again later", limits.clientWindow());
        }
        if (code != null && failures("record_code", code, now.minus(limits.recordWindow())) >= limits.failuresPerRecord()) {
            throw Problem.tooManyRequests("ma", "quá nhiều lần tra cứu sai hồ sơ này, xin thử lại sau / too many "
                    + "failed attempts for this record: try again later", limits.recordWindow());
        }
    }

    void failed(String client, String code) {
        Instant now = Instant.now();
        jdbc.sql("insert into tracking_failure (client, record_code, at) values (?, ?, ?)")
                .params(client, code == null ? "" : code, Timestamp.from(now)).update();
        jdbc.sql("delete from tracking_failure where at < ?").param(Timestamp.from(now.minus(Duration.ofDays(1))))
                .update();
    }

    private int failures(String column, String value, Instant since) {
        return jdbc.sql("select count(*) from tracking_failure where " + column + " = ? and at >= ?")
                .params(value, Timestamp.from(since)).query(Integer.class).single();
    }
}
