package vn.motcua.record;

import java.time.Instant;

/** A document kept with a record (without its bytes). */
public record StoredDocument(String id, DocumentKind kind, String name, String mediaType, long size, String sha256,
        String step, boolean digitised, String createdBy, Instant createdAt) {
}
