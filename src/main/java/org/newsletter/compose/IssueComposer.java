package org.newsletter.compose;

import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.newsletter.model.Block;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.Event;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.Issue;
import org.newsletter.model.Site;
import org.newsletter.model.SourcePosition;
import org.newsletter.yaml.YamlReader;

/**
 * Turns an issue folder (index.md, events.yaml, images/) into an {@link Issue}: validates everything,
 * renders the Markdown once for each destination, and places events where the author put them.
 * Reports every problem it can find in one go.
 */
public final class IssueComposer {

    /** The text part is wrapped at 78 columns, as RFC 5322 section 2.1.1 recommends. */
    public static final int TEXT_WIDTH = 78;
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final MarkdownParser markdown;
    private final FrontMatterReader frontMatterReader = new FrontMatterReader();
    private final EventsReader eventsReader = new EventsReader();
    private final YamlReader yaml = new YamlReader();

    public IssueComposer(MarkdownParser markdown) {
        this.markdown = markdown;
    }

    /** The issue and the warnings found on the way; errors are thrown together. */
    public record Composition(Issue issue, List<Diagnostic> warnings) {
    }

    /** Every finding of a composition, errors and warnings; the composition itself only when there was no error. */
    public record Findings(Optional<Composition> composition, List<Diagnostic> diagnostics) {
    }

    /** @throws InvalidInputException listing every error, each with file and line */
    public Composition compose(Path issueFolder, Site site) {
        return compose(issueFolder, site, new Diagnostics());
    }

    /**
     * For {@code check}: as {@link #compose(Path, Site)}, but an error does not hide the warnings
     * found on the way (vague link text, insecure links) because a linter reports everything at once.
     */
    public Findings lint(Path issueFolder, Site site) {
        Diagnostics problems = new Diagnostics();
        try {
            Composition composition = compose(issueFolder, site, problems);
            return new Findings(Optional.of(composition), problems.all());
        } catch (InvalidInputException e) {
            List<Diagnostic> all = new ArrayList<>(problems.all());
            e.diagnostics().stream().filter(d -> !all.contains(d)).forEach(all::add);
            return new Findings(Optional.empty(), all);
        }
    }

    private Composition compose(Path issueFolder, Site site, Diagnostics problems) {
        Path folder = issueFolder.toAbsolutePath().normalize();
        Path indexFile = folder.resolve("index.md");
        String slug = folder.getFileName().toString();
        if (!SLUG.matcher(slug).matches()) {
            problems.error(SourcePosition.of(folder), "issue folder name '" + slug + "' is used in URLs: use letters, digits, '-', '_' and '.' only");
        }
        if (!Files.isRegularFile(indexFile)) {
            throw InvalidInputException.at(SourcePosition.of(indexFile), "file not found; every issue folder needs an index.md");
        }
        FrontMatterSplitter.Split split = FrontMatterSplitter.split(indexFile, SourceFile.read(indexFile));
        FrontMatter front = frontMatterReader.read(indexFile, split.yaml(), split.yamlFirstLine(), site.language(), problems);
        FrontMatterLint.lint(front, problems);
        Document body = markdown.parse(split.body());
        long errorsBefore = errorCount(problems);
        List<EventDraft> drafts = eventsReader.read(folder.resolve("events.yaml"), site.timeZone(), problems);
        // An event dropped for its own error would make its fence look empty: say only the first thing.
        boolean eventsComplete = errorCount(problems) == errorsBefore;
        for (EventDraft draft : drafts) {
            if (draft.description() != null) {
                MarkdownLint.lintDescription(markdown.parse(draft.description()), draft.position(), problems);
            }
        }

        LocalImages localImages = new LocalImages(folder);
        Map<String, org.newsletter.model.Image> images = new LinkedHashMap<>();
        org.newsletter.model.Image hero = hero(front, localImages, images, problems);
        collectBodyImages(body, indexFile, split.bodyFirstLine(), localImages, images, problems);
        new MarkdownLint(indexFile, split.bodyFirstLine()).lint(body, problems);
        for (EventDraft draft : drafts) {
            if (draft.description() != null && !draft.description().isBlank()) {
                MarkdownLint.lintLinkSchemes(markdown.parse(draft.description()), draft.descriptionPosition(), problems);
            }
        }

        List<Node> topLevel = new ArrayList<>();
        body.getChildren().forEach(topLevel::add);
        List<EventsFence> fences = readFences(topLevel, indexFile, split.bodyFirstLine(), problems);
        Map<EventsFence, List<EventDraft>> selected = select(fences, drafts, eventsComplete ? problems : new Diagnostics());
        problems.throwIfErrors();

        URI imageBase = site.issueUrl(slug);
        BodyRenderer renderer = new BodyRenderer(markdown, body, imageBase, images, TEXT_WIDTH);
        List<Block> blocks = new ArrayList<>();
        List<Node> prose = new ArrayList<>();
        Set<EventDraft> placed = new LinkedHashSet<>();
        int fenceIndex = 0;
        for (Node node : topLevel) {
            if (isEventsFence(node)) {
                renderer.prose(fenceIndex, prose).ifPresent(blocks::add);
                prose.clear();
                List<EventDraft> here = selected.get(fences.get(fenceIndex++));
                placed.addAll(here);
                blocks.add(new Block.Events(renderer.events(here)));
            } else if (!(node instanceof Reference)) {
                prose.add(node);
            }
        }
        renderer.prose(fenceIndex, prose).ifPresent(blocks::add);
        List<EventDraft> unplacedDrafts = drafts.stream().filter(d -> !placed.contains(d)).toList();
        List<Event> unplaced = renderer.events(unplacedDrafts);
        List<Event> events = renderer.events(drafts);

        Issue issue = new Issue(folder, slug, front.title().strip(), front.date(),
                front.subject() == null ? null : front.subject().strip(),
                front.preheader() == null ? null : front.preheader().strip(),
                hero, front.language(), site.timeZone(), blocks, events, unplaced,
                renderer.linkReferences(), List.copyOf(images.values()));
        return new Composition(issue, problems.all().stream().filter(d -> !d.isError()).toList());
    }

    private static long errorCount(Diagnostics problems) {
        return problems.all().stream().filter(Diagnostic::isError).count();
    }

    private static org.newsletter.model.Image hero(FrontMatter front, LocalImages localImages,
            Map<String, org.newsletter.model.Image> images, Diagnostics problems) {
        if (front.heroImage() == null) {
            return null;
        }
        if (front.heroAlt() == null || front.heroAlt().isBlank()) {
            problems.error(front.heroPosition(), "hero image has no alt text; add 'alt:' describing the picture");
        }
        if (SvgImages.isSvg(front.heroImage())) {
            problems.error(front.heroPosition(), SvgImages.message(front.heroImage()));
        }
        org.newsletter.model.Image image = new org.newsletter.model.Image(front.heroImage(), front.heroAlt(), 0, 0);
        if (image.isLocal()) {
            image = localImages.resolve(front.heroImage(), front.heroAlt(), front.heroPosition(), problems);
            if (image != null) {
                images.put(image.source(), image);
            }
        }
        return image;
    }

    private static void collectBodyImages(Document body, Path file, int firstLine, LocalImages localImages,
            Map<String, org.newsletter.model.Image> images, Diagnostics problems) {
        for (Node node : body.getDescendants()) {
            String source;
            String alt;
            if (node instanceof Image image) {
                source = image.getUrl().toString();
                alt = image.getText().toString();
            } else if (node instanceof ImageRef ref) {
                Reference reference = ref.getReferenceNode(body);
                if (reference == null) {
                    continue;
                }
                source = reference.getUrl().toString();
                alt = ref.getText().toString();
            } else {
                continue;
            }
            SourcePosition at = SourcePosition.of(file, node.getStartLineNumber() + firstLine);
            if (alt.isBlank()) {
                problems.error(at, "image '" + source + "' has no alt text; write ![what the picture shows](" + source + ")");
            }
            if (SvgImages.isSvg(source)) {
                problems.error(at, SvgImages.message(source));
            }
            org.newsletter.model.Image candidate = new org.newsletter.model.Image(source, alt, 0, 0);
            if (candidate.isLocal() && !images.containsKey(source)) {
                org.newsletter.model.Image resolved = localImages.resolve(source, alt, at, problems);
                if (resolved != null) {
                    images.put(source, resolved);
                }
            }
        }
    }

    private static boolean isEventsFence(Node node) {
        return node instanceof FencedCodeBlock fence && EventsFence.INFO.equals(fence.getInfo().toString().strip());
    }

    private List<EventsFence> readFences(List<Node> topLevel, Path file, int firstLine, Diagnostics problems) {
        List<EventsFence> fences = new ArrayList<>();
        for (Node node : topLevel) {
            if (isEventsFence(node)) {
                FencedCodeBlock fence = (FencedCodeBlock) node;
                int line = fence.getStartLineNumber() + firstLine;
                fences.add(EventsFence.parse(file, fence.getContentChars().toString(), line, yaml, problems));
            }
        }
        return fences;
    }

    /** Tagged and id fences first, so an empty fence can take "the rest" wherever it stands. */
    private static Map<EventsFence, List<EventDraft>> select(List<EventsFence> fences, List<EventDraft> drafts,
            Diagnostics problems) {
        Map<EventsFence, List<EventDraft>> selected = new LinkedHashMap<>();
        Set<EventDraft> taken = new LinkedHashSet<>();
        for (EventsFence fence : fences) {
            if (!fence.selectsRest()) {
                List<EventDraft> matching = drafts.stream().filter(fence::selects).toList();
                if (matching.isEmpty()) {
                    problems.error(fence.position(), "this events block selects no event ("
                            + (fence.tag() != null ? "tag '" + fence.tag() + "'" : "id '" + fence.id() + "'")
                            + "); check events.yaml");
                }
                selected.put(fence, matching);
                taken.addAll(matching);
            }
        }
        for (EventsFence fence : fences) {
            if (fence.selectsRest()) {
                List<EventDraft> rest = drafts.stream().filter(d -> !taken.contains(d)).toList();
                if (rest.isEmpty()) {
                    problems.error(fence.position(), "this events block has no events left to show; remove it or add events");
                }
                selected.put(fence, rest);
                taken.addAll(rest);
            }
        }
        return selected;
    }
}
