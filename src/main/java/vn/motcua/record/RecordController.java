package vn.motcua.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;

import vn.motcua.web.Problem;

/**
 * The public-service API for records. The portal calls it on the applicant's behalf (HTTP Basic
 * as {@code portal}); the applicant may track and act on their own record with the tracking
 * secret in {@code X-Tracking-Secret}; the unit's staff use their own logins.
 */
@RestController
@RequestMapping("/api/records")
@Tag(name = "Records", description = "Hồ sơ: submit, track, supplement, withdraw, download the result, rate")
class RecordController {

    static final String SECRET_HEADER = "X-Tracking-Secret";

    static final String SUBMISSION_EXAMPLE = """
            {"procedureCode": "1.001193", "unit": "commune-a", "channel": 2,
             "applicant": {"personalId": "001190012345", "name": "Nguyễn Thị Lan", "phone": "0912345678",
                           "email": "lan@example.vn", "address": "Thôn 1, xã A"},
             "formData": {"applicantRelationship": "mother", "childFullName": "Trần Minh An",
                          "childDateOfBirth": "2026-11-20", "childSex": "male", "childPlaceOfBirth": "Trạm y tế xã A",
                          "motherPersonalId": "001190012345", "fatherPersonalId": "001089023456"}}""";

    private final RecordIntake intake;
    private final RecordQueries queries;
    private final RecordActions actions;
    private final ResultSigning signing;
    private final Apologies apologies;
    private final Ratings ratings;
    private final ObjectMapper json;

    RecordController(RecordIntake intake, RecordQueries queries, RecordActions actions, ResultSigning signing,
            Apologies apologies, Ratings ratings, ObjectMapper json) {
        this.intake = intake;
        this.queries = queries;
        this.actions = actions;
        this.signing = signing;
        this.apologies = apologies;
        this.ratings = ratings;
        this.json = json;
    }

    @Operation(summary = "Submit an application (multipart: part 'record' = JSON, parts 'documents' = files)")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> submitMultipart(
            @Parameter(description = "the application (JSON)", example = SUBMISSION_EXAMPLE)
            @RequestPart(name = "record", required = false) String record,
            @RequestPart(name = "documents", required = false) List<MultipartFile> documents,
            @Parameter(description = "makes a retried submission return the same record")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (record == null || record.isBlank()) {
            throw Problem.badRequest("record", "the multipart part 'record' (JSON) is missing");
        }
        RecordIntake.Submission submission;
        try {
            submission = json.readValue(record, RecordIntake.Submission.class);
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("record", "the part 'record' is not valid JSON: "
                    + e.getOriginalMessage());
        }
        return submitted(intake.submit(submission, incoming("documents", documents), caller(null), idempotencyKey));
    }

    @Operation(summary = "Submit an application", description = "JSON body without documents, or multipart/form-data with the same JSON in the part 'record' and files in parts 'documents' (PDF, JPEG, PNG).")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> submitJson(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = @ExampleObject(name = "birth registration", value = SUBMISSION_EXAMPLE)))
            @RequestBody RecordIntake.Submission submission,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return submitted(intake.submit(submission, List.of(), caller(null), idempotencyKey));
    }

    @Operation(summary = "Track a record: state, current step, appointment date, history, documents")
    @GetMapping("/{code}")
    RecordView find(@PathVariable String code, @RequestHeader(name = SECRET_HEADER, required = false) String secret) {
        return queries.find(code(code), caller(secret));
    }

    @Operation(summary = "Attach paper documents scanned at the counter (the unit's clerk)")
    @PostMapping(path = "/{code}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RecordView addScans(@PathVariable String code,
            @RequestPart(name = "documents", required = false) List<MultipartFile> documents) {
        return actions.addScans(code(code), incoming("documents", documents), caller(null));
    }

    @Operation(summary = "Download one of the record's documents")
    @GetMapping("/{code}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable String code, @PathVariable String documentId,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret) {
        return download(queries.document(code(code), documentId, caller(secret)));
    }

    @Operation(summary = "A signature's validation report (EU DSS simple report, XML), made again from the signed PDF")
    @GetMapping(path = "/{code}/signatures/{signatureId}/report", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> signatureReport(@PathVariable String code, @PathVariable String signatureId,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .body(queries.signatureReport(code(code), signatureId, caller(secret)));
    }

    @Operation(summary = "Send the documents asked for (record in state 5): back to reception")
    @PostMapping(path = "/{code}/supplements", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RecordView supplement(@PathVariable String code,
            @RequestPart(name = "documents", required = false) List<MultipartFile> documents,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret) {
        return actions.supplement(code(code), incoming("documents", documents), caller(secret));
    }

    @Operation(summary = "Withdraw the application (state 7); the process ends")
    @PostMapping("/{code}/withdrawal")
    RecordView withdraw(@PathVariable String code,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = @ExampleObject(value = "{\"reason\": \"Đã nộp ở nơi khác\"}")))
            @RequestBody(required = false) Map<String, String> body,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret) {
        return actions.withdraw(code(code), body == null ? null : body.get("reason"), caller(secret));
    }

    /** The leader's signing PIN (chữ ký số): never stored. */
    record SigningPin(String pin) {
    }

    @Operation(summary = "Sign the drafted result with your signing PIN (the unit's leader, at approval)",
            description = "Signs the result drafted at appraisal with the leader's certificate (PAdES, through the "
                    + "CSC v2 signing service; the demo's PIN is 123456). Approval cannot be completed before.")
    @PostMapping(path = "/{code}/signature", consumes = MediaType.APPLICATION_JSON_VALUE)
    RecordView sign(@PathVariable String code,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = @ExampleObject(value = "{\"pin\": \"123456\"}")))
            @RequestBody(required = false) SigningPin body) {
        return signing.sign(code(code), body == null ? null : body.pin(), null, caller(null));
    }

    @Operation(summary = "Upload the drafted result signed with your own tool (the unit's leader, at approval)",
            description = "Part 'file': the draft (GET the result-draft document) signed elsewhere, e.g. with a USB "
                    + "token. Accepted only if it verifies, is signed by you and extends the draft.")
    @PostMapping(path = "/{code}/signature", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RecordView signByUpload(@PathVariable String code, @RequestPart(name = "file", required = false) MultipartFile file) {
        List<IncomingDocument> signed = incoming("file", file == null ? null : List.of(file));
        if (signed.isEmpty()) {
            throw Problem.badRequest("file", "upload the signed PDF as the part 'file'");
        }
        return signing.sign(code(code), null, signed.get(0), caller(null));
    }

    @Operation(summary = "Resume appraisal after processing was stopped (the unit's specialist or leader)")
    @PostMapping("/{code}/resumption")
    RecordView resume(@PathVariable String code) {
        return actions.resume(code(code), caller(null));
    }

    /** Form 04: a new appointment date and why the record is late. */
    record Apology(String newAppointmentAt, String reason) {
    }

    @Operation(summary = "Apologise for a late record with a new appointment date (form 04; the unit's leader)")
    @PostMapping("/{code}/apology")
    RecordView apologise(@PathVariable String code,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = @ExampleObject(value = "{\"newAppointmentAt\": \"2026-12-01T10:00:00+07:00\", "
                            + "\"reason\": \"Chờ kết quả xác minh liên ngành\"}")))
            @RequestBody(required = false) Apology apology) {
        return apologies.apologise(code(code), apology == null ? null : apology.newAppointmentAt(),
                apology == null ? null : apology.reason(), caller(null));
    }

    @Operation(summary = "Download the electronic result (state 9 or 10)")
    @GetMapping("/{code}/result")
    ResponseEntity<byte[]> result(@PathVariable String code,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret) {
        return download(queries.result(code(code), caller(secret)));
    }

    /** The applicant's satisfaction, 1–5, once, after the result was returned. */
    record Rating(Integer score, String comment) {
    }

    @Operation(summary = "Rate satisfaction 1–5 once (state 10)")
    @PostMapping("/{code}/rating")
    RecordView rate(@PathVariable String code,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = @ExampleObject(value = "{\"score\": 5, \"comment\": \"Nhanh, đúng hẹn\"}")))
            @RequestBody(required = false) Rating rating,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret) {
        return ratings.rate(code(code), rating == null ? null : rating.score(), rating == null ? null : rating.comment(),
                caller(secret));
    }

    private static ResponseEntity<Map<String, Object>> submitted(RecordIntake.Submitted submitted) {
        if (submitted.replayed()) {
            return ResponseEntity.ok(Map.of("record", submitted.record(), "replayed", true));
        }
        return ResponseEntity.created(URI.create("/api/records/" + submitted.record().code()))
                .body(Map.of("record", submitted.record(), "trackingSecret", submitted.trackingSecret()));
    }

    private static ResponseEntity<byte[]> download(RecordQueries.Download download) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.document().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(download.document().name()).build().toString())
                .header("Digest", "sha-256=" + download.document().sha256())
                .body(download.content());
    }

    /**
     * A record code as the product makes them ({@code <unit>-<yyyymmdd>-<n>}, at most 64 characters);
     * anything else is answered 400 here rather than looked up.
     */
    static String code(String code) {
        if (code == null || code.length() > 64 || !code.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            String shown = code == null ? "" : code.length() > 40 ? code.substring(0, 40) + "…" : code;
            throw Problem.badRequest("code", "'" + shown.replaceAll("\\p{Cntrl}", "?") + "' ("
                    + (code == null ? 0 : code.length()) + " characters) is not a record code: letters, digits and "
                    + "'-', at most 64 characters");
        }
        return code;
    }

    private static List<IncomingDocument> incoming(String field, List<MultipartFile> files) {
        List<IncomingDocument> documents = new ArrayList<>();
        if (files == null) {
            return documents;
        }
        for (int i = 0; i < files.size(); i++) {
            MultipartFile file = files.get(i);
            try {
                String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                        ? "document-" + (i + 1) : file.getOriginalFilename();
                documents.add(new IncomingDocument(field + "[" + i + "]", name, file.getContentType(), file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return documents;
    }

    private static Caller caller(String trackingSecret) {
        return Caller.of(SecurityContextHolder.getContext().getAuthentication(), trackingSecret);
    }
}
