package vn.motcua.monitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A procedure's reengineering card (thẻ tái cấu trúc quy trình): the procedure as the law lists it against how
 * it runs here, computed from its deployed models and its records, never typed in. Shares and rates are
 * fractions (0.8571), {@code null} when there is nothing to measure; times are working time.
 *
 * @param model          the latest version of the model (new records start on it)
 * @param versions       every deployed version, oldest first, each with what changed from the one before
 * @param records        the records of the period in the caller's units
 * @param units          the same figures per unit, to compare units
 * @param steps          each step of the latest model: its budget against the actual dwell of the period
 * @param cost           the applicant's compliance cost per filing, on paper as the law lists the procedure and
 *                       as it runs here (docs/reengineering.md)
 */
record ReengineeringCard(String code, String name, String level, Dashboard.PeriodView period, Instant computedAt,
        int templateSteps, int templateHandOffs, ModelVersion model, List<ModelVersion> versions, Records records,
        List<UnitLine> units, List<StepTime> steps, ComplianceCost cost) {

    /**
     * One version of the model: the law's documents and who supplies each, the steps on the main path and the
     * hand-offs between them.
     *
     * @param lawDocuments       documents the law requires (thành phần hồ sơ), the optional ones included
     * @param applicantDocuments of those, the documents the applicant still supplies
     * @param fromRegistries     of those, the documents a registry lookup supplies instead (declare once)
     */
    record ModelVersion(int version, Instant deployedAt, BigDecimal processingDays, Long fee, Boolean fullyOnline,
            List<DocumentLine> documents, int lawDocuments, int applicantDocuments, int fromRegistries,
            List<StepLine> steps, int stepCount, int handOffs, List<String> changes) {

        ModelVersion withChanges(List<String> what) {
            return new ModelVersion(version, deployedAt, processingDays, fee, fullyOnline, documents, lawDocuments,
                    applicantDocuments, fromRegistries, steps, stepCount, handOffs, List.copyOf(what));
        }
    }

    /** A document the law requires; {@code registry} null: the applicant supplies it. */
    record DocumentLine(String name, boolean required, String registry, String registryName, String lookup) {
    }

    /** A step of the main path: its user task, the template step it is, who works it, its budget. */
    record StepLine(String id, String name, String step, String role, BigDecimal budgetDays) {
    }

    /**
     * The records' figures: received (accepted in the period) and their channel, fees and reuse; resolved (in the
     * period) and their timeliness, time and satisfaction.
     *
     * @param paidOnlineShare of the received records asked for a fee, those paid through the payment platform
     * @param medianDays      working days from acceptance to resolution, the clock's pauses left out
     * @param handOffsMedian  hand-offs of a resolved record between its steps' groups (median)
     */
    record Records(long received, long resolved, BigDecimal earlyShare, BigDecimal onTimeShare, BigDecimal lateShare,
            BigDecimal onlineShare, BigDecimal fullyOnlineShare, long feeRequested, BigDecimal paidOnlineShare,
            BigDecimal eResultShare, BigDecimal reuseRate, BigDecimal satisfaction, BigDecimal statutoryDays,
            BigDecimal medianDays, BigDecimal p90Days, BigDecimal handOffsMedian) {
    }

    record UnitLine(String unit, String name, Records records) {
    }

    /**
     * A step's budget against the dwell of its tasks completed in the period (working hours): the box plot's
     * five numbers and the 90th percentile.
     */
    record StepTime(String step, String name, BigDecimal budgetHours, long completed, long late, BigDecimal minHours,
            BigDecimal q1Hours, BigDecimal medianHours, BigDecimal q3Hours, BigDecimal p90Hours, BigDecimal maxHours) {
    }

    /**
     * The applicant's compliance cost of one filing (chi phí tuân thủ TTHC, Thông tư 02/2017/TT-VPCP, Điều 27):
     * the work the procedure asks (hours × the hourly income) plus fees and other costs (copies, travel); before =
     * on paper, every document the law lists, at the counter; after = as the period's records ran here.
     *
     * @param filings        records received in the period (the formula's number of filings)
     * @param savedPerFiling before − after, VND
     * @param savedInPeriod  savedPerFiling × filings
     */
    record ComplianceCost(CostLine before, CostLine after, BigDecimal savedPerFiling, long filings,
            BigDecimal savedInPeriod, BigDecimal hourlyIncome, String method) {
    }

    /**
     * @param hours     the applicant's hours (preparing documents, filling in, trips)
     * @param timeCost  hours × the hourly income, VND
     * @param trips     trips to the office
     * @param documents documents the applicant supplies
     * @param copies    paper copies made (certified copies at the counter)
     * @param otherCost copies and travel, VND
     * @param fee       fees and charges, VND
     * @param total     timeCost + otherCost + fee, VND
     */
    record CostLine(BigDecimal hours, BigDecimal timeCost, BigDecimal trips, BigDecimal documents, BigDecimal copies,
            BigDecimal otherCost, BigDecimal fee, BigDecimal total) {
    }
}
