package vn.motcua.record;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.stereotype.Component;

import vn.motcua.record.pdf.Formats;
import vn.motcua.record.pdf.SigningFields;
import vn.motcua.security.StaffDirectory;
import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.SignatureAppearance;
import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.Signatures;
import vn.motcua.signature.SigningRequest;

/**
 * Issuing: the unit gives the signed result its document number and seals it. The number and the
 * place and date are filled in an incremental update after the leader's signature (and the leader's
 * name, when the leader signed an upload of the bare draft), then the seal goes visibly into
 * {@code unitSeal} (docs/signatures.md).
 */
@Component
class ResultSealing {

    private final RecordRepository records;
    private final DocumentStore documents;
    private final IssuedDocuments issued;
    private final Signatures signatures;
    private final SealProperties seals;
    private final StaffDirectory staff;
    private final UnitDirectory units;
    private final ResultSignatures kept;
    /**
     * The PIN the signing service last refused, by unit: the seal's job is retried (and every record of the unit
     * has one), and each try with a wrong PIN would count towards locking the unit's seal; so a refused PIN is not
     * sent again until the configuration gives another (on this node).
     */
    private final Map<String, String> refusedPins = new java.util.concurrent.ConcurrentHashMap<>();

    ResultSealing(RecordRepository records, DocumentStore documents, IssuedDocuments issued, Signatures signatures,
            SealProperties seals, StaffDirectory staff, UnitDirectory units, ResultSignatures kept) {
        this.records = records;
        this.documents = documents;
        this.issued = issued;
        this.signatures = signatures;
        this.seals = seals;
        this.staff = staff;
        this.units = units;
        this.kept = kept;
    }

    /**
     * What the records clerk is told when completing issuing, before the seal's job runs: the record has a
     * signed result, and its unit a seal. {@code unit} is the process's (a system variable); null: the record's.
     */
    void requireReady(String code, String unit) {
        if (unit == null) {
            unit = records.find(code).orElseThrow(() -> new IllegalStateException("no record " + code)).unit();
        }
        if (documents.list(code).stream().noneMatch(d -> d.kind() == DocumentKind.RESULT_SIGNED)) {
            throw noSignedResult(code);
        }
        pinOf(unit);
    }

    /** Issuing: the next document number of the unit, and the unit's seal over the signed result. */
    String sealAndNumber(String code, String actor) {
        // locked: the record moves to state 9 in this transaction next
        RecordRow record = records.findForUpdate(code).orElseThrow(() -> new IllegalStateException("no record " + code));
        var signedDocument = documents.latest(record.code(), DocumentKind.RESULT_SIGNED)
                .orElseThrow(() -> noSignedResult(code));
        byte[] signed = signedDocument.content();
        // the number's year and the date on the face are the records clerk's issuing, not the job's run (a seal
        // retried across the year's end keeps the year it was issued in)
        ZonedDateTime now = records.issuedAt(code).map(at -> at.atZone(IssuedDocuments.VIETNAM))
                .orElseGet(() -> ZonedDateTime.now(IssuedDocuments.VIETNAM));
        int year = now.getYear();
        String number = "%d/%d/%s".formatted(records.nextDocumentNumber(record.unit(), year), year, record.unit());
        String pin = pinOf(record.unit());
        SigningRequest request = SigningRequest.remote(signed, record.unit(), SignatureKind.SEAL, pin);
        if (SigningFields.has(signed, SigningFields.UNIT_SEAL)) {
            // number and date on the face, in an incremental update after the leader's signature (số, ngày ban hành)
            Map<String, String> values = new java.util.HashMap<>(Map.of(SigningFields.DOCUMENT_NUMBER, number,
                    SigningFields.ISSUED_ON, Formats.plain().placeAndDate(issued.place(record.unit()), now)));
            if (SigningFields.value(signed, SigningFields.SIGNER_NAME).isEmpty()) {
                // signed from an upload of the bare draft: the approving leader's name, from the record's signatures
                kept.of(record.code()).stream().filter(s -> s.kind().equals("personal")).reduce((a, b) -> b)
                        .ifPresent(leader -> values.put(SigningFields.SIGNER_NAME, staff.fullName(leader.signer())));
            }
            request = SigningRequest.remote(SigningFields.fill(signed, values), record.unit(), SignatureKind.SEAL, pin)
                    .withAppearance(new SignatureAppearance(SigningFields.UNIT_SEAL, List.of(units.name(record.unit())),
                            issued.sealImage(record.unit()).orElse(null)));
        }
        if (pin.equals(refusedPins.get(record.unit()))) {
            // tried again with a PIN the service refused: it would only count towards locking the seal
            throw new BadUserRequestException("the seal of unit " + record.unit() + " was refused with the configured "
                    + "PIN; correct motcua.records.seal.units." + record.unit() + " (or motcua.records.seal.pin) and retry");
        }
        byte[] sealed;
        try {
            sealed = signatures.sign(request);
        } catch (SignatureException e) {
            if (e.reason() == SignatureException.Reason.AUTHORISATION_REFUSED) {
                refusedPins.put(record.unit(), pin);
            }
            throw new BadUserRequestException("the seal of unit " + record.unit() + " could not be applied: "
                    + e.getMessage());
        }
        refusedPins.remove(record.unit());
        kept.keep(record, sealed, record.unit(), SignatureKind.SEAL, actor, DocumentKind.RESULT, "issuing", number);
        return number;
    }

    private static BadUserRequestException noSignedResult(String code) {
        return new BadUserRequestException("record " + code + " has no signed result to issue; the leader signs it at approval");
    }

    private String pinOf(String unit) {
        String pin = seals.pinOf(unit);
        if (pin == null) {
            throw new BadUserRequestException("no seal PIN is configured for unit " + unit
                    + " (motcua.records.seal.pin or motcua.records.seal.units." + unit + ")");
        }
        return pin;
    }
}
