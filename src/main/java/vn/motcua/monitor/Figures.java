package vn.motcua.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The counts of one unit / procedure / period and the KPIs made of them (docs/domain.md, "KPIs",
 * after Decision 766/QĐ-TTg). "Received" counts are of records accepted in the period, "resolved"
 * counts of records resolved (state 9, or 10 without 9) in the period. A rate whose denominator is
 * zero is {@code null} — "nothing to measure", not 0 % nor NaN — and is written as JSON
 * {@code null} and as an empty CSV cell.
 *
 * @param received    records accepted (tiếp nhận)
 * @param online      of them, submitted online (channel 2)
 * @param fullyOnline of them, online for a procedure offered fully online (trực tuyến toàn trình)
 * @param digitised   of them, with no component only on paper: online, or scanned at the counter
 * @param components  their components: documents the applicant handed in plus values registries supplied
 * @param reused      of those, the values registries supplied (declare once, khai báo một lần)
 * @param resolved    records resolved (đã giải quyết)
 * @param early       of them, resolved on a day before the appointment date (trước hạn)
 * @param onTime      of them, resolved on the appointment day, not after the appointment time (đúng hạn)
 * @param late        of them, resolved after the appointment time, or with an apology (form 04) (quá hạn)
 * @param eResult     of them, with the result issued electronically (signed and sealed PDF)
 * @param rated       of them, rated by the applicant after the result was returned
 * @param ratingSum   the sum of those ratings (1–5)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Figures(long received, long online, long fullyOnline, long digitised, long components, long reused,
        long resolved, long early, long onTime, long late, long eResult, long rated, long ratingSum) {

    static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The table columns, in the order of the record's components. */
    static final List<String> COLUMNS = List.of("received", "online", "fully_online", "digitised", "components",
            "reused", "resolved", "early", "on_time", "late", "e_result", "rated", "rating_sum");

    /** {@code sum(received) received, …} for a grouping query. */
    static String sums() {
        return String.join(", ", COLUMNS.stream().map(c -> "sum(" + c + ") " + c).toList());
    }

    static Figures read(ResultSet rs) throws SQLException {
        return new Figures(rs.getLong("received"), rs.getLong("online"), rs.getLong("fully_online"),
                rs.getLong("digitised"), rs.getLong("components"), rs.getLong("reused"), rs.getLong("resolved"),
                rs.getLong("early"), rs.getLong("on_time"), rs.getLong("late"), rs.getLong("e_result"),
                rs.getLong("rated"), rs.getLong("rating_sum"));
    }

    long[] values() {
        return new long[] {received, online, fullyOnline, digitised, components, reused, resolved, early, onTime,
                late, eResult, rated, ratingSum};
    }

    static Figures of(long[] v) {
        return new Figures(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
    }

    Figures plus(Figures other) {
        long[] a = values();
        long[] b = other.values();
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return of(a);
    }

    Figures minus(Figures other) {
        long[] a = values();
        long[] b = other.values();
        for (int i = 0; i < a.length; i++) {
            a[i] -= b[i];
        }
        return of(a);
    }

    boolean isZero() {
        for (long v : values()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** (early + on time) / resolved. */
    @JsonProperty
    public BigDecimal onTimeRate() {
        return rate(early + onTime, resolved);
    }

    /** submitted online / received. */
    @JsonProperty
    public BigDecimal onlineRate() {
        return rate(online, received);
    }

    /** fully-online records / received. */
    @JsonProperty
    public BigDecimal fullyOnlineRate() {
        return rate(fullyOnline, received);
    }

    /** digitised records / received. */
    @JsonProperty
    public BigDecimal digitisationRate() {
        return rate(digitised, received);
    }

    /** results issued electronically / resolved. */
    @JsonProperty
    public BigDecimal eResultRate() {
        return rate(eResult, resolved);
    }

    /** components registries supplied / components. */
    @JsonProperty
    public BigDecimal reuseRate() {
        return rate(reused, components);
    }

    /** The mean rating (1–5) of rated returned records. */
    @JsonProperty
    public BigDecimal satisfaction() {
        return rated == 0 ? null
                : BigDecimal.valueOf(ratingSum).divide(BigDecimal.valueOf(rated), 2, RoundingMode.HALF_UP);
    }

    /** A share as a fraction with four decimals (0.8571); null when there is nothing to share. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
