-- Digital signatures (chữ ký số), owned by the signature feature. docs/signatures.md

-- Signing credentials of the built-in soft-token service: the demo root CA's own key (kind 'ca'),
-- leaders' personal signing keys ('personal') and units' organisation seals ('seal'), each a
-- PIN-protected PKCS#12 token with its certificate. Shared by all nodes: the primary key makes
-- the demo CA's creation happen once (insert-if-absent), whichever node starts first.
create table signature_credential (
    credential_id  varchar(128)  primary key,
    owner          varchar(255)  not null,
    kind           varchar(16)   not null,
    unit           varchar(64),
    subject        varchar(1000) not null,
    certificate    bytea         not null,
    pkcs12         bytea         not null,
    not_before     timestamp with time zone not null,
    not_after      timestamp with time zone not null,
    created_at     timestamp with time zone not null
);
create index signature_credential_owner on signature_credential (owner, kind);

-- Signature activation data (SAD) handed out by credentials/authorize: single-use, bound to one
-- credential and the hashes authorised, short-lived. Only a hash of the SAD is kept, and the PIN that
-- opens the token is kept encrypted under a key derived from the SAD itself (sealed_pin), so only the
-- holder of the SAD can use it. used_at is set by the one signHash that consumes it (a conditional
-- update, so a replay on any node finds it used).
create table signature_authorization (
    sad_hash        varchar(64)   primary key,
    credential_id   varchar(128)  not null references signature_credential (credential_id),
    hashes          varchar(4000) not null,
    num_signatures  integer       not null,
    sealed_pin      varchar(512)  not null,
    authorized_by   varchar(255)  not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    used_at         timestamp with time zone
);
create index signature_authorization_expiry on signature_authorization (expires_at);

-- Certificates registered for a signer (e.g. a leader's USB token): an uploaded signature made with
-- one of them counts as that signer's, whatever its subject's common name says.
create table signature_registered_certificate (
    sha256         varchar(64)   primary key,
    owner          varchar(255)  not null,
    kind           varchar(16)   not null,
    subject        varchar(1000) not null,
    certificate    bytea         not null,
    registered_by  varchar(255),
    registered_at  timestamp with time zone not null
);
create index signature_registered_certificate_owner on signature_registered_certificate (owner, kind);
