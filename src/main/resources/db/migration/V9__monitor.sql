-- The monitoring centre (trung tâm giám sát), owned by the monitor feature. Every table here is
-- kept up to date from the records' events, in the transaction that changes the record, so the
-- dashboard never scans Camunda's history nor the record feature's tables.

-- One row per record: the facts the KPIs count. Days are Vietnam's calendar days.
create table monitor_record (
    code               varchar(64)  primary key,
    unit               varchar(64)  not null,
    procedure_code     varchar(32)  not null,
    channel            smallint     not null,
    fully_online       boolean      not null,
    state              smallint     not null,
    submitted_at       timestamp with time zone not null,
    accepted_at        timestamp with time zone,
    accepted_on        date,
    appointment_at     timestamp with time zone,
    resolved_at        timestamp with time zone,
    resolved_on        date,
    closed_at          timestamp with time zone,
    -- 1 early (trước hạn), 2 on time (đúng hạn), 3 late (quá hạn); resolved records only
    timeliness         smallint,
    digitised          boolean      not null,
    e_result           boolean      not null,
    components         integer      not null,
    reused             integer      not null,
    rating             smallint,
    apologised         boolean      not null,
    -- open: neither resolved nor closed (states 1, 2, 4, 5, 6, 8); paused: in state 5, 6 or 8
    open_record        boolean      not null,
    paused             boolean      not null,
    -- the open step with the earliest deadline: its deadline, follow-up date, task, step, assignee
    open_due_at        timestamp with time zone,
    open_follow_up_at  timestamp with time zone,
    open_task_id       varchar(64),
    open_step          varchar(64),
    open_assignee      varchar(255)
);
-- Open records of the leader's units by colour, and the red ones by deadline: an index range
-- over the open rows only (a small share of all), never the closed millions.
create index monitor_record_open on monitor_record (open_record, unit, open_due_at, open_follow_up_at, paused);
-- The red list, most overdue first: read in deadline order, stopping at the limit.
create index monitor_record_overdue on monitor_record (open_record, open_due_at);

-- Figures per unit, procedure and day: "received" figures on the day of acceptance, "resolved"
-- figures on the day of resolution (a record adds to two rows).
create table monitor_daily (
    unit            varchar(64)  not null,
    on_day          date         not null,
    procedure_code  varchar(32)  not null,
    received        integer default 0 not null,
    online          integer default 0 not null,
    fully_online    integer default 0 not null,
    digitised       integer default 0 not null,
    components      integer default 0 not null,
    reused          integer default 0 not null,
    resolved        integer default 0 not null,
    early           integer default 0 not null,
    on_time         integer default 0 not null,
    late            integer default 0 not null,
    e_result        integer default 0 not null,
    rated           integer default 0 not null,
    rating_sum      integer default 0 not null,
    primary key (unit, on_day, procedure_code)
);

-- The same per month (month_start = the 1st): months, quarters and years read a few rows per
-- unit and procedure instead of every day.
create table monitor_monthly (
    unit            varchar(64)  not null,
    month_start     date         not null,
    procedure_code  varchar(32)  not null,
    received        integer default 0 not null,
    online          integer default 0 not null,
    fully_online    integer default 0 not null,
    digitised       integer default 0 not null,
    components      integer default 0 not null,
    reused          integer default 0 not null,
    resolved        integer default 0 not null,
    early           integer default 0 not null,
    on_time         integer default 0 not null,
    late            integer default 0 not null,
    e_result        integer default 0 not null,
    rated           integer default 0 not null,
    rating_sum      integer default 0 not null,
    primary key (unit, month_start, procedure_code)
);

-- The same per unit and month, all procedures together: the unit table and the trend of a
-- province's year read a dozen rows per unit.
create table monitor_unit_monthly (
    unit            varchar(64)  not null,
    month_start     date         not null,
    received        integer default 0 not null,
    online          integer default 0 not null,
    fully_online    integer default 0 not null,
    digitised       integer default 0 not null,
    components      integer default 0 not null,
    reused          integer default 0 not null,
    resolved        integer default 0 not null,
    early           integer default 0 not null,
    on_time         integer default 0 not null,
    late            integer default 0 not null,
    e_result        integer default 0 not null,
    rated           integer default 0 not null,
    rating_sum      integer default 0 not null,
    primary key (unit, month_start)
);

-- Every step (user task) of every record: who, when, planned and actual. Form 06 reads it.
create table monitor_step (
    task_id         varchar(64)   primary key,
    record_code     varchar(64)   not null,
    unit            varchar(64)   not null,
    step            varchar(64)   not null,
    task_name       varchar(255),
    candidates      varchar(500),
    assignee        varchar(255),
    started_at      timestamp with time zone not null,
    due_at          timestamp with time zone,
    follow_up_at    timestamp with time zone,
    ended_at        timestamp with time zone,
    completed_by    varchar(255),
    -- completed, or cancelled (withdrawal, a model's interrupting event)
    outcome         varchar(16),
    working_seconds bigint
);
create index monitor_step_record on monitor_step (record_code, started_at);

-- Dwell times of completed steps per unit, month and step, as a histogram of working time
-- (quarter-octave buckets, see StepDwell) written "bucket:count bucket:count …": medians and 90th
-- percentiles over any months and units come from merging a few short rows — one per unit,
-- month and step — where a row per step, or per bucket, would be read by the hundred thousand.
create table monitor_step_dwell (
    unit         varchar(64)    not null,
    month_start  date           not null,
    step         varchar(64)    not null,
    tasks        integer default 0 not null,
    late         integer default 0 not null,
    histogram    varchar(1000)  default '' not null,
    primary key (unit, month_start, step)
);

-- The record's pauses (states 5, 6, 8), for form 06.
create table monitor_pause (
    record_code  varchar(64)  not null,
    started_at   timestamp with time zone not null,
    state        smallint     not null,
    ended_at     timestamp with time zone,
    primary key (record_code, started_at)
);

-- The units and procedures seen so far (names for the dashboard, the units a leader may see).
create table monitor_unit (
    unit        varchar(64)   primary key,
    name        varchar(255)  not null,
    first_seen  timestamp with time zone not null
);
create table monitor_procedure (
    procedure_code  varchar(32)   primary key,
    name            varchar(255)  not null
);
