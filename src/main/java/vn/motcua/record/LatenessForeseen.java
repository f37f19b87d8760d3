package vn.motcua.record;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The monitor foresees that an open record will miss its appointment (its remaining working time is less than
 * the typical time of its remaining steps): the unit's leaders are asked for the apology (form 04) now, with
 * {@code proposedDay} as the new date, rather than after the appointment has passed. Published on every node
 * that notices; the record is claimed once ({@code LateRecords}), so the leaders are asked once.
 */
public record LatenessForeseen(String recordCode, LocalDate proposedDay, Instant at) {
}
