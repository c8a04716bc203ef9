package org.newsletter.send;

import java.nio.file.Path;
import org.newsletter.render.RenderedIssue;

/**
 * Composes and renders an issue folder; the command line gives the workspace's own pipeline, so send
 * renders exactly what build and check do without depending on them.
 */
@FunctionalInterface
public interface IssueSource {

    RenderedIssue render(Path issueFolder);
}
