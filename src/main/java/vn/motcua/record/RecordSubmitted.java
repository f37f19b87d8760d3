package vn.motcua.record;

/**
 * A record was submitted — through the API, or opened at the counter in Tasklist — with the tracking secret
 * the applicant tracks it with. Published in the transaction that made it, after its first
 * {@link RecordStateChanged}; the secret is kept nowhere but in its hash, so this is the one moment it can be
 * told to the applicant.
 */
public record RecordSubmitted(RecordRow record, String trackingSecret) {
}
