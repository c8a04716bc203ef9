package org.newsletter.render;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A VTIMEZONE (RFC 5545 section 3.6.5) made from java.time's rules for the years an event touches,
 * not the zone's whole history: the last change of offset before those years (so their first instant
 * is covered) and every change within them; a zone that changes nothing in those years gets one
 * observance.
 *
 * <p>Where those changes follow the zone's yearly rules (as summer time does almost everywhere), each
 * rule becomes one observance with an RRULE, the form Outlook, Google and Apple write and every reader
 * understands; ical4j, for one, misreads a STANDARD/DAYLIGHT pair given as single onsets. Changes that
 * follow no yearly rule (a zone changing its law that year) are written as single onsets.
 */
final class TimeZoneComponent {

    /** DTSTART of an observance is a local time in the offset in force before the change (TZOFFSETFROM). */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    /** For a zone that has never changed its offset: any onset before the event will do. */
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
    private static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    private TimeZoneComponent() {
    }

    static void write(ContentLines out, ZoneId zone, int firstYear, int lastYear) {
        ZoneRules rules = zone.getRules();
        Instant from = LocalDateTime.of(firstYear, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
        Instant until = LocalDateTime.of(lastYear + 1, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
        List<ZoneOffsetTransition> changes = new ArrayList<>();
        ZoneOffsetTransition before = rules.previousTransition(from);
        if (before != null) {
            changes.add(before);
        }
        for (ZoneOffsetTransition change = rules.nextTransition(before == null ? from : before.getInstant());
                change != null && change.getInstant().isBefore(until);
                change = rules.nextTransition(change.getInstant())) {
            changes.add(change);
        }
        out.raw("BEGIN", "VTIMEZONE").raw("TZID", zone.getId());
        if (changes.size() == (before == null ? 0 : 1)) {
            // Nothing changes in these years: one observance, its offset the same before and after, as
            // Google writes it; ical4j would take a TZOFFSETFROM from long ago for the offset in force.
            ZoneOffset offset = rules.getOffset(from);
            observance(out, rules.isDaylightSavings(from), before == null ? EPOCH : before.getDateTimeAfter(), offset, offset, null);
        } else if (!yearly(out, rules, changes)) {
            for (ZoneOffsetTransition change : changes) {
                observance(out, rules.isDaylightSavings(change.getInstant()), change.getDateTimeBefore(), change.getOffsetBefore(),
                        change.getOffsetAfter(), null);
            }
        }
        out.raw("END", "VTIMEZONE");
    }

    /** One observance per yearly rule, from its first change in the window; false (writing nothing) if a change follows no rule. */
    private static boolean yearly(ContentLines out, ZoneRules rules, List<ZoneOffsetTransition> changes) {
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        List<ZoneOffsetTransition> firsts = new ArrayList<>();
        List<String> recurrences = new ArrayList<>();
        for (ZoneOffsetTransition change : changes) {
            Optional<ZoneOffsetTransitionRule> rule = yearly.stream()
                    .filter(r -> r.createTransition(change.getDateTimeBefore().getYear()).equals(change)).findFirst();
            if (rule.isEmpty() || !onRuleDate(rule.get(), change)) {
                return false;
            }
            String recurrence = recurrence(rule.get());
            if (!recurrences.contains(recurrence)) {
                recurrences.add(recurrence);
                firsts.add(change);
            }
        }
        if (changes.isEmpty()) {
            return false;
        }
        for (int i = 0; i < firsts.size(); i++) {
            ZoneOffsetTransition first = firsts.get(i);
            observance(out, rules.isDaylightSavings(first.getInstant()), first.getDateTimeBefore(), first.getOffsetBefore(),
                    first.getOffsetAfter(), recurrences.get(i));
        }
        return true;
    }

    /**
     * Whether the change happens, in local time before it, on the day the rule names: not so for a rule
     * at 24:00 or one in UTC that falls on the day before locally, which an RRULE by day cannot express.
     */
    private static boolean onRuleDate(ZoneOffsetTransitionRule rule, ZoneOffsetTransition change) {
        return !rule.isMidnightEndOfDay() && change.getDateTimeBefore().toLocalDate().equals(ruleDate(rule, change.getDateTimeBefore().getYear()));
    }

    private static LocalDate ruleDate(ZoneOffsetTransitionRule rule, int year) {
        int indicator = rule.getDayOfMonthIndicator();
        DayOfWeek day = rule.getDayOfWeek();
        LocalDate date = indicator < 0
                ? LocalDate.of(year, rule.getMonth(), 1).with(TemporalAdjusters.lastDayOfMonth()).plusDays(indicator + 1L)
                : LocalDate.of(year, rule.getMonth(), indicator);
        if (day == null) {
            return date;
        }
        return date.with(indicator < 0 ? TemporalAdjusters.previousOrSame(day) : TemporalAdjusters.nextOrSame(day));
    }

    /** RFC 5545 section 3.3.10 for "the last Sunday of March" and the like. */
    private static String recurrence(ZoneOffsetTransitionRule rule) {
        int indicator = rule.getDayOfMonthIndicator();
        DayOfWeek day = rule.getDayOfWeek();
        String recurrence = "FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue();
        if (day == null) {
            return recurrence + ";BYMONTHDAY=" + indicator;
        }
        String name = DAYS[day.getValue() - 1];
        // tzdata says "Sunday on or after 25 March" where calendars say "the last Sunday of March".
        boolean lastWeek = indicator > 0 && rule.getMonth() != Month.FEBRUARY && indicator + 6 == rule.getMonth().maxLength();
        if (indicator == -1 || lastWeek) {
            return recurrence + ";BYDAY=-1" + name;
        }
        if (indicator > 0 && indicator % 7 == 1) {
            return recurrence + ";BYDAY=" + (indicator / 7 + 1) + name;
        }
        // "The first Sunday on or after the 8th" is one of seven days; "on or before the day before last" likewise.
        StringJoiner days = new StringJoiner(",");
        for (int i = 0; i < 7; i++) {
            days.add(Integer.toString(indicator < 0 ? indicator - 6 + i : indicator + i));
        }
        return recurrence + ";BYMONTHDAY=" + days + ";BYDAY=" + name;
    }

    private static void observance(ContentLines out, boolean daylight, LocalDateTime onset, ZoneOffset before, ZoneOffset after,
            String recurrence) {
        String kind = daylight ? "DAYLIGHT" : "STANDARD";
        out.raw("BEGIN", kind)
                .raw("DTSTART", LOCAL.format(onset))
                .raw("TZOFFSETFROM", offset(before))
                .raw("TZOFFSETTO", offset(after));
        if (recurrence != null) {
            out.raw("RRULE", recurrence);
        }
        out.raw("END", kind);
    }

    /** RFC 5545 section 3.3.14: ("+" / "-") time-hour time-minute [time-second]. */
    static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        String text = String.format(Locale.ROOT, "%s%02d%02d", seconds < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? text : text + String.format(Locale.ROOT, "%02d", abs % 60);
    }
}
