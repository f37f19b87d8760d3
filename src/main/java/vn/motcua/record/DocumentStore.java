package vn.motcua.record;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.tika.Tika;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.motcua.transaction.PerTransaction;
import vn.motcua.web.DocumentContent;
import vn.motcua.web.Problem;

/**
 * Documents in the database: checked (count, size, media type detected from the content — the
 * client's word is not taken —, and the content opens as that type within bounded memory: see
 * {@link DocumentContent}), named safely, hashed (SHA-256) and stored with the step that produced them.
 */
@Component
class DocumentStore {

    /** The documents listed in the current transaction, by record. */
    private static final PerTransaction<Map<String, List<StoredDocument>>> LISTED =
            new PerTransaction<>(HashMap::new, null);

    private final JdbcClient jdbc;
    private final RecordProperties properties;
    private final Tika tika = new Tika();
    private final DocumentContent contents;

    DocumentStore(JdbcClient jdbc, RecordProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.contents = new DocumentContent(properties.maxDecodedSize().toBytes(), properties.maxImagePixels());
    }

    /** Refuses the whole batch, before anything is stored, if one file is wrong. */
    List<CheckedDocument> check(List<IncomingDocument> documents) {
        if (documents.size() > properties.maxDocuments()) {
            throw Problem.badRequest("documents",
                    "at most " + properties.maxDocuments() + " documents per request, got " + documents.size());
        }
        List<CheckedDocument> checked = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            IncomingDocument document = documents.get(i);
            String name = DocumentContent.normalisedName(document.name(), "document-" + (i + 1));
            String label = document.field() + " '" + name + "'";
            if (document.content() == null || document.content().length == 0) {
                throw Problem.badRequest(document.field(), label + " is empty");
            }
            if (document.content().length > properties.maxDocumentSize().toBytes()) {
                throw Problem.tooLarge(document.field(), label + " has " + document.content().length
                        + " bytes; the limit is " + properties.maxDocumentSize().toBytes());
            }
            String detected = tika.detect(document.content());
            if (!properties.allowedMediaTypes().contains(detected)) {
                throw Problem.unsupportedMediaType(document.field(), label + " is " + detected
                        + "; accepted are " + String.join(", ", properties.allowedMediaTypes()));
            }
            String claimed = document.claimedMediaType();
            if (claimed != null && !claimed.isBlank() && !claimed.startsWith("application/octet-stream")
                    && !claimed.startsWith(detected)) {
                throw Problem.unsupportedMediaType(document.field(),
                        label + " is sent as " + claimed + " but its content is " + detected);
            }
            String problem = contents.problem(document.content(), detected);
            if (problem != null) {
                throw Problem.badRequest(document.field(), label + " " + problem);
            }
            checked.add(new CheckedDocument(document, name, detected, sha256(document.content())));
        }
        return checked;
    }

    /**
     * Refuses a PDF that does not open or is a compression bomb (e.g. a signed result uploaded by
     * the leader) before other code parses it; what is not a PDF at all is left to the caller.
     */
    void requireSoundPdf(IncomingDocument document, String field) {
        byte[] content = document.content();
        if (content != null && content.length > 4 && "application/pdf".equals(tika.detect(content))) {
            String problem = contents.problem(content, "application/pdf");
            if (problem != null) {
                throw Problem.badRequest(field, field + " '"
                        + DocumentContent.normalisedName(document.name(), "document") + "' " + problem);
            }
        }
    }

    StoredDocument store(String recordCode, CheckedDocument document, DocumentKind kind, String step,
            String actor) {
        return store(recordCode, document.name(), document.mediaType(), document.incoming().content(),
                document.sha256(), kind, step, kind == DocumentKind.SCAN, actor);
    }

    /**
     * An issued document (a PDF the product made), stored as it is. Stored once: a result
     * supersedes the drafts and the leader-signed copy (it contains the signed revision byte for
     * byte, the seal being an incremental update), and a new draft supersedes the earlier draft and
     * its signed copy; the superseded ones are deleted in the same transaction.
     */
    StoredDocument storeIssued(String recordCode, String name, byte[] pdf, DocumentKind kind, String step,
            String actor) {
        List<DocumentKind> superseded = kind.supersedes();
        LISTED.get().ifPresent(listed -> listed.computeIfPresent(recordCode, (code, kept) -> kept.stream()
                .filter(document -> !superseded.contains(document.kind())).toList()));
        if (!superseded.isEmpty()) {
            jdbc.sql("delete from record_document where record_code = :code and kind in (:kinds)")
                    .param("code", recordCode).param("kinds", superseded.stream().map(DocumentKind::id).toList())
                    .update();
        }
        return store(recordCode, name, "application/pdf", pdf, sha256(pdf), kind, step, false, actor);
    }

    /** The newest document of that kind, with its content. */
    Optional<Latest> latest(String recordCode, DocumentKind kind) {
        return jdbc.sql("""
                select id, content, created_at from record_document where record_code = ? and kind = ?
                 order by created_at desc, id desc limit 1""")
                .params(recordCode, kind.id())
                .query((rs, n) -> new Latest(rs.getString("id"), rs.getBytes("content"),
                        RecordRepository.instant(rs, "created_at")))
                .optional();
    }

    record Latest(String id, byte[] content, Instant createdAt) {
    }

    private StoredDocument store(String recordCode, String name, String mediaType, byte[] content, String sha256,
            DocumentKind kind, String step, boolean digitised, String actor) {
        StoredDocument stored = new StoredDocument(UUID.randomUUID().toString(), kind, name, mediaType,
                content.length, sha256, step, digitised, actor, Instant.now());
        // the list this transaction keeps gets the new one at its end, as the query orders them
        LISTED.get().ifPresent(listed -> listed.computeIfPresent(recordCode, (code, kept) -> java.util.stream.Stream
                .concat(kept.stream(), java.util.stream.Stream.of(stored)).toList()));
        jdbc.sql("""
                insert into record_document (id, record_code, kind, name, media_type, size_bytes, sha256, step,
                  digitised, issued, content, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(stored.id(), recordCode, kind.id(), name, mediaType, stored.size(), sha256, step, digitised,
                        kind.issued(), content, actor, RecordRepository.ts(stored.createdAt()))
                .update();
        return stored;
    }

    /**
     * The record's documents (descriptions, no bytes), read at most once per transaction: the engine door,
     * monitoring and the record's views all ask for them; what is stored or superseded here changes the list kept.
     */
    List<StoredDocument> list(String recordCode) {
        Map<String, List<StoredDocument>> listed = LISTED.get().orElse(null);
        if (listed == null) {
            return read(recordCode);
        }
        return listed.computeIfAbsent(recordCode, this::read);
    }

    private List<StoredDocument> read(String recordCode) {
        return jdbc.sql("""
                select id, kind, name, media_type, size_bytes, sha256, step, digitised, created_by, created_at
                from record_document where record_code = ? order by created_at, id""")
                .param(recordCode)
                .query((rs, n) -> new StoredDocument(rs.getString("id"), DocumentKind.ofId(rs.getString("kind")),
                        rs.getString("name"), rs.getString("media_type"), rs.getLong("size_bytes"),
                        rs.getString("sha256"), rs.getString("step"), rs.getBoolean("digitised"),
                        rs.getString("created_by"), RecordRepository.instant(rs, "created_at")))
                .list().stream().toList();
    }

    Optional<byte[]> content(String recordCode, String documentId) {
        return jdbc.sql("select content from record_document where record_code = ? and id = ?")
                .params(recordCode, documentId).query((rs, n) -> rs.getBytes("content")).optional();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A document that passed the checks, with the name it is stored under (normalised). */
    record CheckedDocument(IncomingDocument incoming, String name, String mediaType, String sha256) {
    }
}
