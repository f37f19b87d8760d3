-- Escalation notices (thông báo quá hạn): one row per overdue step (its task) and level, owned by the
-- deadline feature. The unique key makes each level's notice exactly-once: a retried job or a second
-- node inserting the same (task, level) finds the row and sends nothing.
create table escalation_notice (
    id                    varchar(36)  primary key,
    process_instance_id   varchar(64)  not null,
    record_code           varchar(64),
    procedure_name        varchar(255),
    task_id               varchar(64)  not null,
    task_definition_key   varchar(255) not null,
    step_name             varchar(255),
    unit                  varchar(64),
    notified_group        varchar(255) not null,
    notice_level          smallint     not null,
    assignee              varchar(255),
    due_at                timestamp with time zone,
    overdue_minutes       bigint       not null,
    notice_task_id        varchar(64),
    created_at            timestamp with time zone not null,
    constraint escalation_notice_once unique (task_id, notice_level)
);
create index escalation_notice_instance on escalation_notice (process_instance_id);

-- The e-mail outbox: written in the same transaction as the notice, relayed to the mail server by
-- NoticeMailer. sent_at stays null until the mail server has taken the message.
create table notice_outbox (
    id           varchar(36)   primary key,
    -- the escalation notice, or another notice (e.g. a record's apology to its applicant)
    notice_id    varchar(64)   not null,
    recipient    varchar(255)  not null,
    subject      varchar(500)  not null,
    body         text          not null,
    created_at   timestamp with time zone not null,
    sent_at      timestamp with time zone,
    attempts     int           default 0 not null,
    last_error   varchar(2000)
);
create index notice_outbox_unsent on notice_outbox (sent_at, created_at);
