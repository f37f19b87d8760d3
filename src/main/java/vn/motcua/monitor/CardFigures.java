package vn.motcua.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import vn.motcua.calendar.WorkingCalendar;

/**
 * A reengineering card's record figures, worked out from the rows {@link CardQueries} read. Quantiles are
 * linear between the two nearest ranks (as a spreadsheet's PERCENTILE.INC): the median of 2, 4 and 9 hours is
 * 4, of 2 and 4 hours 3.
 */
final class CardFigures {

    private CardFigures() {
    }

    /**
     * The figures of {@code lines}: received = accepted in the period, resolved = resolved in it.
     *
     * @param statutoryDays the procedure's processing time, shown beside the actual
     */
    static ReengineeringCard.Records records(List<CardQueries.RecordLine> lines, List<CardQueries.PauseLine> pauses,
            List<CardQueries.StepDone> steps, Period period, BigDecimal statutoryDays, WorkingCalendar calendar) {
        long received = 0;
        long online = 0;
        long fullyOnline = 0;
        long feeRequested = 0;
        long paidOnline = 0;
        long components = 0;
        long reused = 0;
        long resolved = 0;
        long early = 0;
        long onTime = 0;
        long late = 0;
        long eResult = 0;
        long rated = 0;
        long ratingSum = 0;
        Map<String, List<CardQueries.PauseLine>> pausesOf = new HashMap<>();
        pauses.forEach(p -> pausesOf.computeIfAbsent(p.recordCode(), k -> new ArrayList<>()).add(p));
        Map<String, List<CardQueries.StepDone>> stepsOf = new LinkedHashMap<>();
        steps.forEach(s -> stepsOf.computeIfAbsent(s.recordCode(), k -> new ArrayList<>()).add(s));
        List<Double> days = new ArrayList<>();
        List<Double> handOffs = new ArrayList<>();
        double dayLength = calendar.workingDayLength().toSeconds();
        for (CardQueries.RecordLine r : lines) {
            if (in(r.acceptedOn(), period)) {
                received++;
                online += r.channel() == 2 ? 1 : 0; // Channel.ONLINE
                fullyOnline += r.fullyOnline() ? 1 : 0;
                feeRequested += r.feeRequested() ? 1 : 0;
                paidOnline += r.feeRequested() && r.paidOnline() ? 1 : 0;
                components += r.components();
                reused += r.reused();
            }
            if (in(r.resolvedOn(), period)) {
                resolved++;
                early += Objects.equals(r.timeliness(), 1) ? 1 : 0;
                onTime += Objects.equals(r.timeliness(), 2) ? 1 : 0;
                late += Objects.equals(r.timeliness(), 3) ? 1 : 0;
                eResult += r.eResult() ? 1 : 0;
                if (r.rating() != null) {
                    rated++;
                    ratingSum += r.rating();
                }
                if (r.acceptedAt() != null && r.resolvedAt() != null) {
                    Duration worked = running(r.acceptedAt(), r.resolvedAt(), pausesOf.getOrDefault(r.code(), List.of()),
                            calendar);
                    days.add(worked.toSeconds() / dayLength);
                }
                List<CardQueries.StepDone> done = stepsOf.get(r.code());
                if (done != null) {
                    handOffs.add((double) handOffs(done));
                }
            }
        }
        double[] sortedDays = sorted(days);
        double[] sortedHandOffs = sorted(handOffs);
        return new ReengineeringCard.Records(received, resolved, Figures.rate(early, resolved),
                Figures.rate(onTime, resolved), Figures.rate(late, resolved), Figures.rate(online, received),
                Figures.rate(fullyOnline, received), feeRequested, Figures.rate(paidOnline, feeRequested),
                Figures.rate(eResult, resolved), Figures.rate(reused, components),
                rated == 0 ? null : BigDecimal.valueOf(ratingSum).divide(BigDecimal.valueOf(rated), 2, RoundingMode.HALF_UP),
                statutoryDays, decimal(quantile(sortedDays, 0.5), 2), decimal(quantile(sortedDays, 0.9), 2),
                decimal(quantile(sortedHandOffs, 0.5), 1));
    }

    /** Each step of the model: its budget in working hours against its completed tasks' dwell. */
    static List<ReengineeringCard.StepTime> stepTimes(List<CardQueries.StepDone> steps,
            List<ReengineeringCard.StepLine> modelSteps, Duration workingDay) {
        Map<String, List<Double>> hoursOf = new LinkedHashMap<>();
        Map<String, Long> lateOf = new HashMap<>();
        for (CardQueries.StepDone s : steps) {
            if (s.workingSeconds() != null) {
                hoursOf.computeIfAbsent(s.step(), k -> new ArrayList<>()).add(s.workingSeconds() / 3600.0);
            }
            if (s.dueAt() != null && s.endedAt() != null && s.endedAt().isAfter(s.dueAt())) {
                lateOf.merge(s.step(), 1L, Long::sum);
            }
        }
        List<ReengineeringCard.StepTime> times = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (ReengineeringCard.StepLine model : modelSteps) {
            if (!seen.contains(model.step())) {
                seen.add(model.step());
                BigDecimal budget = model.budgetDays() == null ? null : model.budgetDays()
                        .multiply(BigDecimal.valueOf(workingDay.toSeconds())).divide(BigDecimal.valueOf(3600), 2,
                                RoundingMode.HALF_UP);
                times.add(time(model.step(), model.name(), budget, hoursOf.remove(model.step()), lateOf));
            }
        }
        // steps the records went through that the latest model no longer has (an earlier version's)
        hoursOf.forEach((step, hours) -> times.add(time(step, step, null, hours, lateOf)));
        return times;
    }

    private static ReengineeringCard.StepTime time(String step, String name, BigDecimal budgetHours, List<Double> hours,
            Map<String, Long> lateOf) {
        double[] h = sorted(hours == null ? List.of() : hours);
        return new ReengineeringCard.StepTime(step, name, budgetHours, h.length, lateOf.getOrDefault(step, 0L),
                decimal(h.length == 0 ? null : h[0], 2), decimal(quantile(h, 0.25), 2), decimal(quantile(h, 0.5), 2),
                decimal(quantile(h, 0.75), 2), decimal(quantile(h, 0.9), 2),
                decimal(h.length == 0 ? null : h[h.length - 1], 2));
    }

    /** Hand-offs of one record: each change of group from one completed step to the next. */
    static int handOffs(List<CardQueries.StepDone> done) {
        int n = 0;
        for (int i = 1; i < done.size(); i++) {
            if (!Objects.equals(done.get(i).candidates(), done.get(i - 1).candidates())) {
                n++;
            }
        }
        return n;
    }

    /** Working time from {@code from} to {@code to} less the working time of the clock's pauses within it. */
    static Duration running(Instant from, Instant to, List<CardQueries.PauseLine> pauses, WorkingCalendar calendar) {
        Duration worked = calendar.workingTimeBetween(from, to);
        for (CardQueries.PauseLine p : pauses) {
            Instant start = p.startedAt().isBefore(from) ? from : p.startedAt();
            Instant end = p.endedAt() == null || p.endedAt().isAfter(to) ? to : p.endedAt();
            if (end.isAfter(start)) {
                worked = worked.minus(calendar.workingTimeBetween(start, end));
            }
        }
        return worked.isNegative() ? Duration.ZERO : worked;
    }

    /** Linear between the nearest ranks; null for no values. */
    static Double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static boolean in(LocalDate day, Period period) {
        return day != null && !day.isBefore(period.from()) && day.isBefore(period.to());
    }

    private static BigDecimal decimal(Double value, int scale) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
}
