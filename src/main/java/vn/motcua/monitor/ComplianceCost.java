package vn.motcua.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The applicant's compliance cost of one filing (chi phí tuân thủ thủ tục hành chính), after Thông tư
 * 02/2017/TT-VPCP, Điều 27: the cost of the work needed to obtain the result (the applicant's hours × the value
 * of an hour) plus fees, charges and other costs (copies, travel); the total over a period is the cost of one
 * filing × the filings. The benefit of the reengineering is the cost before less the cost after.
 *
 * <ul>
 * <li><b>Before</b>: the procedure as the law lists it, on paper — every document the law requires (each a
 * paper copy), the form, a trip to submit and one to collect the result.</li>
 * <li><b>After</b>: as the period's records ran here — only the documents the applicant still supplies (the
 * registries supply the rest), paper copies and a trip to submit only for the share submitted at the counter,
 * a trip to collect only for the share not given an electronic result. With no records yet, the model's
 * intent: a fully online procedure online with an electronic result, any other at the counter.</li>
 * </ul>
 */
final class ComplianceCost {

    private ComplianceCost() {
    }

    static ReengineeringCard.ComplianceCost of(ComplianceCostProperties p, ReengineeringCard.ModelVersion model,
            ReengineeringCard.Records records) {
        BigDecimal fee = BigDecimal.valueOf(model.fee() == null ? 0 : model.fee());
        BigDecimal lawDocuments = BigDecimal.valueOf(model.lawDocuments());
        ReengineeringCard.CostLine before = line(p, lawDocuments, lawDocuments, p.paperTrips(), fee);

        boolean fullyOnline = Boolean.TRUE.equals(model.fullyOnline());
        BigDecimal online = records.onlineShare() != null ? records.onlineShare() : fullyOnline ? BigDecimal.ONE : BigDecimal.ZERO;
        BigDecimal eResult = records.eResultShare() != null ? records.eResultShare()
                : fullyOnline ? BigDecimal.ONE : BigDecimal.ZERO;
        BigDecimal atCounter = BigDecimal.ONE.subtract(online);
        BigDecimal applicantDocuments = BigDecimal.valueOf(model.applicantDocuments());
        BigDecimal trips = atCounter.add(BigDecimal.ONE.subtract(eResult));
        ReengineeringCard.CostLine after = line(p, applicantDocuments, applicantDocuments.multiply(atCounter), trips, fee);

        BigDecimal saved = before.total().subtract(after.total());
        return new ReengineeringCard.ComplianceCost(before, after, saved, records.received(),
                saved.multiply(BigDecimal.valueOf(records.received())).setScale(0, RoundingMode.HALF_UP), p.hourlyIncome(),
                "Thông tư 02/2017/TT-VPCP, Điều 27: (giờ × thu nhập một giờ) + phí, lệ phí + chi phí khác (bản sao, đi lại) "
                        + "/ (hours × hourly income) + fees + other costs (copies, travel)");
    }

    private static ReengineeringCard.CostLine line(ComplianceCostProperties p, BigDecimal documents, BigDecimal copies,
            BigDecimal trips, BigDecimal fee) {
        BigDecimal hours = documents.multiply(p.hoursPerDocument()).add(p.formHours()).add(trips.multiply(p.hoursPerTrip()));
        BigDecimal timeCost = money(hours.multiply(p.hourlyIncome()));
        BigDecimal other = money(copies.multiply(p.copyCost()).add(trips.multiply(p.tripCost())));
        return new ReengineeringCard.CostLine(hours.setScale(2, RoundingMode.HALF_UP), timeCost,
                trips.setScale(2, RoundingMode.HALF_UP), documents, copies.setScale(2, RoundingMode.HALF_UP), other, fee,
                timeCost.add(other).add(fee));
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(0, RoundingMode.HALF_UP);
    }
}
