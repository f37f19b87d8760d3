-- Issue #16 (cost little to keep): each signature keeps a compact validation summary; the full EU DSS
-- report is made again from the signed PDF when someone asks for it (GET …/signatures/{id}/report),
-- so it is no longer stored, neither in record_signature nor as a 'signature-report' document.
alter table record_signature add column certificate_sha256 varchar(64);
alter table record_signature add column certificate_subject varchar(1000);
alter table record_signature drop column report_xml;
delete from record_document where kind = 'signature-report';

-- Drafts and the leader-signed copy are superseded by the sealed result (it contains the signed
-- revision byte for byte): dropped for every record already issued.
delete from record_document d
 where d.kind in ('result-draft', 'result-signed')
   and exists (select 1 from record_document r where r.record_code = d.record_code and r.kind = 'result');

-- Retention (docs/retention.md): the purge looks for closed records per procedure, oldest first.
create index record_closed on record (process_key, closed_at);

-- One purge at a time across nodes: a node claims the row until a moment; another node's claim
-- succeeds only after that moment (a single conditional update, so exactly one node wins).
create table retention_claim (
    name          varchar(64)  primary key,
    claimed_by    varchar(255),
    claimed_until timestamp with time zone not null
);
insert into retention_claim (name, claimed_by, claimed_until) values ('records', null, timestamp with time zone '2000-01-01 00:00:00+00');
