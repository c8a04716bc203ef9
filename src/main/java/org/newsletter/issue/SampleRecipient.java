package org.newsletter.issue;

import org.newsletter.model.Recipient;
import org.newsletter.model.Site;

/**
 * The made-up subscriber that built files and previews are personalised for, with a placeholder
 * unsubscribe token until sending issues real ones.
 */
public final class SampleRecipient {

    public static final String TOKEN = "sample-token";

    private SampleRecipient() {
    }

    public static Recipient forSite(Site site) {
        return new Recipient("Sam Sample", "sam.sample@example.org", site.baseUrl().resolve("u/" + TOKEN).toString());
    }
}
