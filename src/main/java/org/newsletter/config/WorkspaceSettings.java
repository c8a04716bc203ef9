package org.newsletter.config;

import org.newsletter.model.Site;

/**
 * Everything newsletter.yaml says: the site for rendering, which database to use (null: the default),
 * how campaigns are sent, and the bounce mailbox (null when there is none).
 */
public record WorkspaceSettings(Site site, String databaseUrl, SendingSettings sending, BounceSettings bounces,
        org.newsletter.model.Brand brand) {
}
