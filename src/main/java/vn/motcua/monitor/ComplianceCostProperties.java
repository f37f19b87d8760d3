package vn.motcua.monitor;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The parameters of the applicant's compliance cost ({@code motcua.monitor.compliance-cost.*}), the method of
 * Thông tư 02/2017/TT-VPCP, Điều 27 (docs/reengineering.md). The defaults are samples: a province sets them from
 * its own figures (the average income of its people, its distances, the certification fee it charges).
 *
 * @param hourlyIncome     VND an hour of the applicant's time is worth (average monthly income ÷ 22 days ÷ 8 hours)
 * @param hoursPerDocument hours to obtain one document the procedure asks for and make it ready
 * @param copyCost         VND per paper copy handed in (copying and certification)
 * @param formHours        hours to fill in the application
 * @param hoursPerTrip     hours per trip to the office (travel and the queue at the counter)
 * @param tripCost         VND per trip (travel)
 * @param paperTrips       trips of a paper filing: to submit, to collect the result
 */
@ConfigurationProperties(prefix = "motcua.monitor.compliance-cost")
record ComplianceCostProperties(BigDecimal hourlyIncome, BigDecimal hoursPerDocument, BigDecimal copyCost,
        BigDecimal formHours, BigDecimal hoursPerTrip, BigDecimal tripCost, BigDecimal paperTrips) {

    ComplianceCostProperties {
        hourlyIncome = notNegative(hourlyIncome, "30700", "hourlyIncome");
        hoursPerDocument = notNegative(hoursPerDocument, "1", "hoursPerDocument");
        copyCost = notNegative(copyCost, "5000", "copyCost");
        formHours = notNegative(formHours, "0.5", "formHours");
        hoursPerTrip = notNegative(hoursPerTrip, "2", "hoursPerTrip");
        tripCost = notNegative(tripCost, "30000", "tripCost");
        paperTrips = notNegative(paperTrips, "2", "paperTrips");
    }

    static ComplianceCostProperties defaults() {
        return new ComplianceCostProperties(null, null, null, null, null, null, null);
    }

    private static BigDecimal notNegative(BigDecimal value, String otherwise, String name) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException("motcua.monitor.compliance-cost." + name + " must not be negative, was "
                    + value.toPlainString());
        }
        return value != null ? value : new BigDecimal(otherwise);
    }
}
