package org.newsletter.config;

import org.newsletter.model.Site;

/**
 * Everything newsletter.yaml says: the site for rendering, which database to use (null: the default),
 * how campaigns are sent, the bounce mailbox (null when there is none), the brand, and what is
 * measured about campaigns (nothing by default).
 */
public record WorkspaceSettings(Site site, String databaseUrl, SendingSettings sending, BounceSettings bounces,
        org.newsletter.model.Brand brand, org.newsletter.model.Tracking tracking) {
}
