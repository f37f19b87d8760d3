package vn.motcua.record;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.web.Problem;

/** The applicant's satisfaction with a returned result: 1 to 5 and a comment, once ({@link RecordRated}). */
@Component
class Ratings {

    private final RecordRepository records;
    private final RecordAccess access;
    private final ApplicationEventPublisher events;
    private final RecordViews views;
    private final TransactionTemplate tx;

    Ratings(RecordRepository records, RecordAccess access, ApplicationEventPublisher events, RecordViews views,
            PlatformTransactionManager transactions) {
        this.records = records;
        this.access = access;
        this.events = events;
        this.views = views;
        this.tx = new TransactionTemplate(transactions);
    }

    RecordView rate(String code, Integer score, String comment, Caller caller) {
        if (score == null || score < 1 || score > 5) {
            throw Problem.badRequest("score", "the rating must be a whole number from 1 to 5");
        }
        SubmissionRules.storable("comment", comment);
        if (comment != null && comment.length() > 1000) {
            throw Problem.badRequest("comment", "the comment may have at most 1000 characters");
        }
        return tx.execute(status -> {
            RecordRow record = access.actionable(code, caller);
            RecordActions.requireState(record, "rate", RecordState.RESULT_RETURNED);
            Instant now = Instant.now();
            if (!records.rate(code, score, comment, now)) {
                throw Problem.conflict("score", "record " + code + " has been rated already");
            }
            events.publishEvent(new RecordRated(code, score, now));
            return views.of(code);
        });
    }
}
