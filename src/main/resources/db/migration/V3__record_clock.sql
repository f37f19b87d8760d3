-- The statutory clock of a record pauses in states 5, 6 and 8: when the current pause began,
-- and the working time paused so far.
alter table record add column paused_at timestamp with time zone;
alter table record add column paused_seconds bigint default 0 not null;
