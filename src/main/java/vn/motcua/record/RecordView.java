package vn.motcua.record;

import java.time.Instant;
import java.util.List;

import vn.motcua.deadline.Colour;
import vn.motcua.lookup.SuppliedValue;

/**
 * A record as the tracking API shows it. {@code registryData}: the values registries supplied
 * (declare once), each with its source, and the applicant's declaration beside it. {@code applicant}:
 * who applied, as declared (the portal, the applicant and the unit's staff see it).
 */
public record RecordView(String code, Procedure procedure, String unit, int channel, State state, String currentStep,
        String colour, Instant submittedAt, Instant acceptedAt, Instant appointmentAt, Instant closedAt,
        Integer rating, List<HistoryEntry> history, List<Step> steps, List<Document> documents,
        List<SuppliedValue> registryData, List<Signature> signatures, Applicant applicant) {

    public record Procedure(String code, String name) {
    }

    public record State(int code, String name, String nameEn) {
        static State of(RecordState state) {
            return state == null ? null : new State(state.code(), state.nameVi(), state.nameEn());
        }
    }

    /** One state change: from, to, at which step, who, why, when. */
    public record HistoryEntry(State from, State to, String step, String actor, String note, Instant at) {
    }

    /**
     * One task of the process: which step, who worked it, when, its deadline and follow-up date;
     * an open step's colour (green, yellow, red).
     */
    public record Step(String taskKey, String name, String assignee, Instant startedAt, Instant endedAt, Instant due,
            Instant followUp, String colour, String outcome) {
    }

    /**
     * A signature on the result: the leader's ({@code personal}) at approval, the unit's
     * ({@code seal}) at issuing with the document number; DSS's indication when it was verified.
     * {@code report}: the full DSS validation report, made again from the signed PDF on request.
     */
    public record Signature(String id, String kind, String signer, String signerName, Instant signedAt,
            String indication, String subIndication, boolean valid, String documentNumber, String report) {
    }

    public record Document(String id, String kind, String name, String mediaType, long size, String sha256,
            String step, boolean digitised, boolean issued, Instant createdAt, String href) {
    }

    static RecordView of(RecordRow r, List<RecordRepository.StateChange> changes, List<StoredDocument> documents,
            List<Step> steps, List<SuppliedValue> registryData, List<Signature> signatures) {
        String colour = r.state().isFinal() ? null : Colour.worst(steps.stream().map(Step::colour)
                .filter(java.util.Objects::nonNull).map(c -> Colour.valueOf(c.toUpperCase(java.util.Locale.ROOT)))
                .toList()).id();
        return new RecordView(r.code(), new Procedure(r.procedureCode(), r.procedureName()), r.unit(),
                r.channel().code(), State.of(r.state()), r.currentStep(), colour, r.submittedAt(), r.acceptedAt(),
                r.appointmentAt(), r.closedAt(), r.rating(),
                changes.stream().map(c -> new HistoryEntry(State.of(c.from()), State.of(c.to()), c.step(), c.actor(),
                        c.note(), c.at())).toList(),
                steps,
                documents.stream().map(d -> new Document(d.id(), d.kind().id(), d.name(), d.mediaType(), d.size(),
                        d.sha256(), d.step(), d.digitised(), d.kind().issued(), d.createdAt(),
                        "/api/records/" + r.code() + "/documents/" + d.id())).toList(),
                registryData, signatures, r.applicant());
    }
}
