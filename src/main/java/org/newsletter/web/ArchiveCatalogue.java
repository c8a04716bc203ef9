package org.newsletter.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newsletter.store.CampaignRepository.SentIssue;
import org.newsletter.store.StorePool;

/**
 * Which issues the archive shows: those a campaign was started for whose folder is still under
 * {@code newsletters/}. A draft, or an issue only test-sent, is unknown here even though its folder
 * exists, so the archive cannot leak what has not gone out.
 */
final class ArchiveCatalogue {

    /** An issue folder name as the composer accepts it; it cannot be "." or "..", nor hold a slash. */
    static final String SLUG = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private static final Pattern SLUG_PATTERN = Pattern.compile(SLUG);

    /**
     * A sent issue found on disk, not yet rendered.
     *
     * @param listed whether it goes in the archive's list and feed: it was sent to a public list
     */
    record Sent(String slug, Path folder, Instant firstSent, boolean listed) {
    }

    private final StorePool stores;
    private final Path newsletters;
    private final IssueCache cache;

    ArchiveCatalogue(StorePool stores, Path newsletters, IssueCache cache) {
        this.stores = stores;
        this.newsletters = newsletters;
        this.cache = cache;
    }

    /** The issue {@code slug} if it was sent and its folder is there. */
    Optional<Sent> find(String slug) {
        return recorded().stream().filter(issue -> issue.issue().equals(slug)).findFirst().flatMap(this::onDisk);
    }

    IssueCache.Outcome render(Sent issue) {
        return cache.get(issue.folder());
    }

    /**
     * Every sent issue that renders and went to a public list, newest first by the date in its front
     * matter (then by when it was first sent). A broken one is left out (the cache has logged why) so the
     * others stay listed. An issue sent only to private lists is not listed here; it answers only at the
     * keyed address its email links to (see {@link ArchivePages}).
     */
    List<ArchivedIssue> newestFirst() {
        List<ArchivedIssue> issues = new ArrayList<>();
        for (Sent sent : sent()) {
            if (!sent.listed()) {
                continue;
            }
            if (render(sent) instanceof IssueCache.Ready ready) {
                issues.add(new ArchivedIssue(sent.slug(), sent.firstSent(), ready.issue()));
            }
        }
        issues.sort(Comparator.comparing((ArchivedIssue a) -> a.issue().date())
                .thenComparing(ArchivedIssue::firstSent)
                .thenComparing(ArchivedIssue::slug)
                .reversed());
        return issues;
    }

    private List<Sent> sent() {
        return recorded().stream().map(this::onDisk).flatMap(Optional::stream).toList();
    }

    private List<SentIssue> recorded() {
        return stores.with(store -> store.campaigns().sentIssues());
    }

    private Optional<Sent> onDisk(SentIssue issue) {
        // Campaign rows name folders by what 'send' was given; only a plain folder name can be one of ours.
        if (!SLUG_PATTERN.matcher(issue.issue()).matches()) {
            return Optional.empty();
        }
        Path folder = newsletters.resolve(issue.issue());
        return Files.isDirectory(folder) ? Optional.of(new Sent(issue.issue(), folder.toAbsolutePath().normalize(), issue.firstSent(), issue.publicList()))
                : Optional.empty();
    }
}
