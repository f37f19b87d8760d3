package vn.motcua.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Base64;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

import vn.motcua.security.Role;
import vn.motcua.security.SystemAuthority;
import vn.motcua.security.UnitDirectory;
import vn.motcua.web.Problem;

/**
 * Who may see and do what with a record: the portal (on behalf of any applicant), the applicant
 * with the record's tracking secret, and the staff of the record's unit in their roles. Staff of
 * another unit whose opinion the process asks (a consultation task with their group among its
 * candidate groups, open or done) may read the record and its documents, nothing more.
 */
@Component
class RecordAccess {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RecordRepository records;
    private final UnitDirectory units;
    private final HistoryService history;
    private final IdentityService identity;
    private final SystemAuthority system;

    RecordAccess(RecordRepository records, UnitDirectory units, HistoryService history, IdentityService identity,
            SystemAuthority system) {
        this.records = records;
        this.units = units;
        this.history = history;
        this.identity = identity;
        this.system = system;
    }

    /** The record, if the caller may read it; otherwise 401 (nobody) or 404 (no such record for them). */
    RecordRow readable(String code, Caller caller) {
        RecordRow record = records.find(code).orElse(null);
        if (record != null && (caller.isPortal() || caller.isAdmin() || hasSecret(code, caller)
                || isStaff(caller, record, Role.values()) || leads(caller, record) || isAsked(caller, record))) {
            return record;
        }
        if (caller.userId() == null && caller.trackingSecret() == null) {
            throw Problem.unauthorized("log in, or give the record's tracking secret in the "
                    + "X-Tracking-Secret header");
        }
        // The same answer whether the record does not exist or is not theirs: codes are guessable.
        throw Problem.notFound("no record " + code + " for this caller");
    }

    /** The applicant's own actions (supplement, withdraw, rate): portal, secret, or the unit's clerk at the counter. */
    RecordRow actionable(String code, Caller caller) {
        RecordRow record = readable(code, caller);
        if (caller.isPortal() || hasSecret(code, caller) || isStaff(caller, record, Role.CLERK)) {
            return record;
        }
        throw Problem.forbidden(null, "only the applicant (tracking secret), the portal or a clerk of unit "
                + record.unit() + " may do this");
    }

    RecordRow staffOnly(String code, Caller caller, Role... roles) {
        RecordRow record = readable(code, caller);
        if (isStaff(caller, record, roles)) {
            return record;
        }
        throw Problem.forbidden(null, "only staff of unit " + record.unit() + " in role(s) "
                + java.util.Arrays.stream(roles).map(Role::id).toList() + " may do this");
    }

    /**
     * Whether the caller leads the record's unit or a unit above it: the leaders an overdue step is
     * escalated to (level 1, level 2, …) read the record and act on its late steps.
     */
    boolean leads(Caller caller, RecordRow record) {
        if (caller.userId() == null) {
            return false;
        }
        for (String unit = record.unit(); unit != null; unit = units.parent(unit).orElse(null)) {
            if (units.isMember(caller.userId(), unit, Role.LEADER)) {
                return true;
            }
        }
        return false;
    }

    boolean isStaff(Caller caller, RecordRow record, Role... roles) {
        return caller.userId() != null && units.isMember(caller.userId(), record.unit(), roles);
    }

    /**
     * Whether one of the caller's groups is, or was, a candidate group of a task of the record's
     * process: a unit consulted on the record (e.g. {@code province:specialist}) while its opinion is
     * asked and afterwards. Read access only.
     */
    boolean isAsked(Caller caller, RecordRow record) {
        if (caller.userId() == null || record.processInstanceId() == null) {
            return false;
        }
        return system.call(() -> {
            List<String> groups = identity.createGroupQuery().groupMember(caller.userId()).list().stream()
                    .map(Group::getId).toList();
            if (records.askedAnyOf(record.code(), groups)) {
                return true;
            }
            // a record from before record_asked_group: the engine's history, while it is kept
            return groups.stream().anyMatch(group -> history.createHistoricTaskInstanceQuery()
                    .processInstanceId(record.processInstanceId()).taskHadCandidateGroup(group).count() > 0);
        });
    }

    private boolean hasSecret(String code, Caller caller) {
        return secretMatches(code, caller.trackingSecret());
    }

    /** Whether {@code secret} is the record's tracking secret (compared with its hash, in constant time). */
    boolean secretMatches(String code, String secret) {
        if (secret == null || secret.isBlank()) {
            return false;
        }
        return records.trackingSecretHash(code)
                .map(hash -> MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                        hash(secret).getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        return DocumentStore.sha256(secret.getBytes(StandardCharsets.UTF_8));
    }
}
