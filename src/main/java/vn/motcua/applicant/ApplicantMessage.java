package vn.motcua.applicant;

/**
 * One thing to tell the applicant: an e-mail (subject and text, Vietnamese then English) and an SMS (short,
 * Vietnamese without diacritics so that it fits GSM-7 parts).
 *
 * @param secret whether it carries the tracking secret (no message's text is kept once sent, this one least of all)
 */
record ApplicantMessage(String subject, String email, String sms, boolean secret) {
}
