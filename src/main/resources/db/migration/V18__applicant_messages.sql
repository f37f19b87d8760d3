-- The applicant kept informed (issue 19, docs/applicant-messages.md): text messages through an HTTP SMS
-- gateway, written in the transaction that changes the record and relayed by every node, once each (the
-- row's id is the gateway's idempotency key).
create table sms_outbox (
    id              varchar(36)   primary key,
    record_code     varchar(64)   not null,
    recipient       varchar(32)   not null,
    body            varchar(1000),                 -- null once sent, when it carried the tracking secret
    redact          boolean       default false not null,
    created_at      timestamp with time zone not null,
    attempts        int           default 0 not null,
    next_attempt_at timestamp with time zone not null,
    sent_at         timestamp with time zone,
    -- refused by the gateway (4xx), given up after the last attempt, or the applicant opted out meanwhile
    ended_at        timestamp with time zone,
    outcome         varchar(16),                   -- sent | refused | given-up | opted-out
    last_error      varchar(2000)
);
create index sms_outbox_waiting on sms_outbox (sent_at, ended_at, next_attempt_at);
create index sms_outbox_record on sms_outbox (record_code);

-- What the applicant asked of the messages about one record (they have no account: a record is the unit).
create table applicant_preference (
    record_code  varchar(64)   primary key,
    sms_opt_out  boolean       not null,
    changed_at   timestamp with time zone not null
);

-- An e-mail that carried the record's tracking secret keeps no copy of it once sent.
alter table notice_outbox add column redact boolean default false not null;
