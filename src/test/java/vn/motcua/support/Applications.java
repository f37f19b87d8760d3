package vn.motcua.support;

/**
 * Submissions ({@code POST /api/records} JSON) that the shipped application forms accept: every
 * required field, with values the sandbox registry knows.
 */
public final class Applications {

    public static final String BIRTH_REGISTRATION = "1.001193";

    private Applications() {
    }

    /** A birth registration declared by the mother, whose personal ID is also the applicant's. */
    public static String birthRegistration(String unit, int channel, String mothersPersonalId, String childFullName) {
        return """
                {"procedureCode": "%s", "unit": "%s", "channel": %d,
                 "applicant": {"personalId": "%s", "name": "Nguyễn Thị Lan", "phone": "0912345678",
                               "email": "lan@example.vn", "address": "Thôn 1, xã A"},
                 "formData": {"childFullName": "%s", "childDateOfBirth": "2026-11-20", "childSex": "male",
                              "childPlaceOfBirth": "Trạm y tế xã A", "applicantRelationship": "mother",
                              "motherPersonalId": "%s"}}"""
                .formatted(BIRTH_REGISTRATION, unit, channel, mothersPersonalId, childFullName, mothersPersonalId);
    }
}
