package org.newsletter.issue;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsletter.model.InvalidDateException;
import org.newsletter.model.IsoDate;

/**
 * The date an issue's name starts with: {@code 2024-09-team-update} is dated 1 September 2024,
 * {@code 2024-09-15-extra} 15 September. Issues are named that way so that they sort by date; the
 * name and the date should not disagree unless someone says so.
 */
public final class SlugDate {

    /** YYYY-MM, then optionally -DD, then the end of the name or a '-'. */
    private static final Pattern PREFIX = Pattern.compile("^(\\d{4}-\\d{2})(-\\d{2})?(?=-|$)");

    private SlugDate() {
    }

    /**
     * The date at the start of {@code slug}, if it starts with one. A prefix that looks like a date
     * but names none ({@code 2024-13-…}, {@code 2024-11-31-…}) is an {@link InvalidDateException}
     * saying why, since the name would then tell readers of the archive a date that does not exist.
     */
    public static Optional<LocalDate> of(String slug) {
        Matcher m = PREFIX.matcher(slug);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(m.group(2) != null ? IsoDate.parse(m.group(1) + m.group(2)) : IsoDate.parseMonth(m.group(1)));
        } catch (InvalidDateException e) {
            throw new InvalidDateException(slug, e.reason() + " (a name that starts with YYYY-MM dates the issue)");
        }
    }
}
