-- Issue #16/#17: which other units' groups a record's process asked (a consultation): they may read the
-- record, for its whole retention. It was read from the engine's identity link history, kept 180 days
-- and five rows a task; records from before this table are still answered from that history.
create table record_asked_group (
    record_code  varchar(64)  not null references record (code),
    group_id     varchar(255) not null,
    asked_at     timestamp with time zone not null,
    primary key (record_code, group_id)
);
