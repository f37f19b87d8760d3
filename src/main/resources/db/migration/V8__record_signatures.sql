-- The signatures on a record's result (chữ ký số), owned by the record feature: the leader's
-- personal signature at approval, the unit's seal at issuing. Each row keeps the validation
-- report (EU DSS simple report) as evidence; the signed PDF itself is a record_document.
create table record_signature (
    id               varchar(36)   primary key,
    record_code      varchar(64)   not null,
    document_id      varchar(36)   not null,
    signature_kind   varchar(10)   not null,
    signer           varchar(255)  not null,
    signer_name      varchar(255),
    signed_at        timestamp with time zone,
    indication       varchar(40)   not null,
    sub_indication   varchar(80),
    valid            boolean       not null,
    -- the document number (số văn bản) given at issuing, on the seal's row
    document_number  varchar(64),
    report_xml       text          not null,
    created_by       varchar(255)  not null,
    created_at       timestamp with time zone not null
);
create index record_signature_record on record_signature (record_code, created_at);

-- Document numbers (số văn bản) reuse record_code_sequence: the key "<unit>#documents" and the
-- first day of the year number a unit's results per year, unique across nodes.
