package vn.motcua.record;

/** A file as it arrived: the name and media type the client claims, and the bytes. */
public record IncomingDocument(String field, String name, String claimedMediaType, byte[] content) {
}
