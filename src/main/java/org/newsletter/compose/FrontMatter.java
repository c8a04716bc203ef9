package org.newsletter.compose;

import java.time.LocalDate;
import java.util.Locale;
import org.newsletter.model.SourcePosition;

/** The validated front matter of an index.md; the hero fields are null when there is no hero. */
record FrontMatter(
        String title,
        LocalDate date,
        String subject,
        String preheader,
        String heroImage,
        String heroAlt,
        SourcePosition heroPosition,
        Locale language,
        SourcePosition preheaderPosition,
        SourcePosition subjectPosition) {
}
