package vn.motcua.record;

import java.time.Instant;

/**
 * Published (inside the transaction) when the applicant rates a returned record (mức độ hài lòng);
 * the rating changes no state, so monitoring learns of it from this.
 */
public record RecordRated(String recordCode, int score, Instant at) {
}
