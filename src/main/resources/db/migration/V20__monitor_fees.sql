-- The reengineering card's share paid online (issue 21): whether the record was asked for a fee, and whether it
-- was paid through the payment platform (a fee receipt is issued for such payments only). Records seen before
-- this version show false until their next change.
alter table monitor_record add column fee_requested boolean default false not null;
alter table monitor_record add column paid_online boolean default false not null;
