-- Issue #16 (keep what must be kept, once): a closed record's data — the applicant's declaration, the
-- registries' values on its forms, every step's decisions and notes — as one JSON row, written when
-- its process ends. The engine no longer keeps a history row per variable of a record's process
-- (LeanHistoryPlugin): 42 rows (26 kB) per record for 180 days became this one (~1.5 kB) kept for the
-- record's retention.
create table record_data (
    record_code  varchar(64) primary key references record (code),
    data         varchar     not null,
    kept_at      timestamp with time zone not null
);
