/**
 * The applicant kept informed (issue 19, docs/applicant-messages.md): at submission (the tracking code and
 * secret), at reception (the appointment, what is missing, or the refusal), at a fee's request, when processing
 * stops and resumes, at an apology's new date and when the result is ready, an e-mail (through the notice
 * feature's outbox) and an SMS (through this feature's outbox and an HTTP SMS gateway), each written in the
 * transaction that changed the record and sent once. The applicant may opt out of SMS for a record.
 */
package vn.motcua.applicant;
