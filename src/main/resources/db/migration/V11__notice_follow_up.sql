-- A leader's notice is the start of an action (issue 15): who acknowledged it and when, and when
-- it closed because its step ended.
alter table escalation_notice add column acknowledged_by varchar(255);
alter table escalation_notice add column acknowledged_at timestamp with time zone;
alter table escalation_notice add column closed_at timestamp with time zone;
