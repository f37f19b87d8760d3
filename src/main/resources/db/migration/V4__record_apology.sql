-- Form 04 (apology and new appointment date): when the leader was asked to issue one, and the
-- task that asks them. Set once per record, so one node asks, once.
alter table record add column apology_requested_at timestamp with time zone;
alter table record add column apology_task_id varchar(64);
