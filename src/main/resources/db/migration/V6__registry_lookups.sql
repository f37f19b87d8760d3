-- Registry lookups (tra cứu cơ sở dữ liệu), owned by the lookup feature.

-- Provenance: each value a registry supplied to a record, with the applicant's own declaration
-- beside it. Written in the engine's transaction with the process variables, so the two agree;
-- a later lookup of the same field replaces its row.
create table registry_value (
    record_code       varchar(64)   not null,
    field             varchar(100)  not null,
    field_value       varchar(4000),
    declared_value    varchar(4000),
    matches_declared  boolean,
    registry          varchar(20)   not null,
    lookup_type       varchar(30)   not null,
    request_id        varchar(64)   not null,
    lookup_key        varchar(500)  not null,
    looked_up_at      timestamp with time zone not null,
    primary key (record_code, field)
);

-- The lookup log (nhật ký tra cứu): every call to a registry, who / which record / which registry /
-- why / when / what came of it. Written in a transaction of its own, so failed attempts are kept too.
create table registry_lookup_log (
    id                   varchar(36)   primary key,
    request_id           varchar(64)   not null,
    record_code          varchar(64),
    process_instance_id  varchar(64),
    activity_id          varchar(255),
    registry             varchar(20)   not null,
    lookup_type          varchar(30)   not null,
    lookup_key           varchar(500)  not null,
    purpose              varchar(500),
    actor                varchar(255)  not null,
    outcome              varchar(20)   not null,
    message              varchar(2000),
    fields_supplied      int           default 0 not null,
    looked_up_at         timestamp with time zone not null
);
create index registry_lookup_log_record on registry_lookup_log (record_code, looked_up_at);
create index registry_lookup_log_time on registry_lookup_log (looked_up_at);
