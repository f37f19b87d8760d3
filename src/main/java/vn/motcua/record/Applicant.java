package vn.motcua.record;

/** The citizen or business applying (người nộp hồ sơ). */
public record Applicant(String personalId, String name, String phone, String email, String address) {
}
