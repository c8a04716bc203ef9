package org.newsletter.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;

/**
 * FreeMarker set up for newsletters: a workspace's {@code templates/} folder overrides the embedded
 * defaults file by file; {@code .ftlh} templates escape HTML automatically, so text from front matter
 * and events cannot inject markup; errors become one line with the template's file and line.
 */
public final class TemplateEngine {

    private static final String EMBEDDED = "/templates";

    private final Configuration configuration;
    private final Path overrides;

    /** @param overrides the workspace's templates folder; it need not exist */
    public TemplateEngine(Path overrides) {
        this.overrides = overrides;
        this.configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputEncoding("UTF-8");
        configuration.setLocale(Locale.ROOT);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setRecognizeStandardFileExtensions(true);
        configuration.setTemplateLoader(loader(overrides));
        // Templates are edited while the preview runs; look for changes every time.
        configuration.setTemplateUpdateDelayMilliseconds(0);
    }

    /** The workspace's templates folder (null for none): where its message bundles are too. */
    public Path overrides() {
        return overrides;
    }

    private static TemplateLoader loader(Path overrides) {
        ClassTemplateLoader embedded = new ClassTemplateLoader(TemplateEngine.class, EMBEDDED);
        if (overrides == null || !Files.isDirectory(overrides)) {
            return embedded;
        }
        try {
            return new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(overrides.toFile()), embedded});
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(overrides), "cannot read templates folder: " + e.getMessage());
        }
    }

    /** Renders template {@code name} (e.g. "email.html.ftlh") with {@code model}. */
    public String render(String name, Object model) {
        try {
            Template template = configuration.getTemplate(name);
            StringWriter out = new StringWriter(32 * 1024);
            template.process(model, out);
            return out.toString();
        } catch (ParseException e) {
            throw InvalidInputException.at(position(e.getTemplateName(), e.getLineNumber(), e.getColumnNumber()),
                    "template syntax error: " + firstLine(e.getEditorMessage()));
        } catch (TemplateException e) {
            throw InvalidInputException.at(position(e.getTemplateSourceName(), lineOf(e.getLineNumber()), lineOf(e.getColumnNumber())),
                    "template error: " + firstLine(e.getMessageWithoutStackTop()));
        } catch (freemarker.template.TemplateNotFoundException e) {
            throw InvalidInputException.at(SourcePosition.of(Path.of("templates", name)), "template not found: " + name);
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(Path.of("templates", name)), "cannot read template: " + e.getMessage());
        }
    }

    private SourcePosition position(String sourceName, int line, int column) {
        String name = sourceName == null ? "?" : sourceName;
        Path candidate = overrides == null ? null : overrides.resolve(name);
        Path file = candidate != null && Files.isRegularFile(candidate) ? candidate : Path.of("(embedded)", "templates", name);
        return new SourcePosition(file, Math.max(line, 0), Math.max(column, 0));
    }

    private static int lineOf(Integer value) {
        return value == null ? 0 : value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }
}
