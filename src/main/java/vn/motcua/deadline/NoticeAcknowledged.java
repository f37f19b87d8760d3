package vn.motcua.deadline;

import java.time.Instant;

/**
 * A leader took note of an escalation notice (đã nắm) — on the record page or by completing the
 * notice in Tasklist. Published in the transaction that recorded it; the record feature writes it
 * into the record's history.
 */
public record NoticeAcknowledged(String recordCode, String noticeId, int level, String stepName, String userId,
        Instant at) {
}
