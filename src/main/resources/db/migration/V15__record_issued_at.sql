-- When the records clerk issued the record's result (issue 17): the number and seal follow in a job of
-- their own, and from this moment the applicant may no longer withdraw the record.
alter table record add column issued_at timestamp with time zone;
update record set issued_at = coalesce(closed_at, accepted_at, submitted_at) where state in (9, 10);
