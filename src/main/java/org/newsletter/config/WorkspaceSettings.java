package org.newsletter.config;

import org.newsletter.model.Site;

/** Everything newsletter.yaml says: the site for rendering, and which database to use (null: the default). */
public record WorkspaceSettings(Site site, String databaseUrl) {
}
