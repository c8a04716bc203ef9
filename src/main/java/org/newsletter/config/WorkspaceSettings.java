package org.newsletter.config;

import org.newsletter.model.Site;

/**
 * Everything newsletter.yaml says: the site for rendering, which database to use (null: the default),
 * and how campaigns are sent.
 */
public record WorkspaceSettings(Site site, String databaseUrl, SendingSettings sending) {
}
