package org.newsletter.web.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IssueWatcherTest {

    @Test
    void editorsScratchFilesAreNotChangesToTheIssue() {
        assertThat(List.of(".index.md.swp", "index.md~", "4913", "#index.md#", ".#index.md", "index.md___jb_tmp___"))
                .allMatch(IssueWatcher::isScratch);
        assertThat(List.of("index.md", "events.yaml", "birds.jpg", "email.html.ftlh", "email-event.ftlh"))
                .noneMatch(IssueWatcher::isScratch);
    }
}
