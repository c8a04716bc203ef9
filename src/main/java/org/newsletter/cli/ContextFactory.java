package org.newsletter.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates commands with the {@link CommandContext} when they take one, so commands hold no globals. */
final class ContextFactory implements CommandLine.IFactory {

    private final CommandContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ContextFactory(CommandContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == CommandContext.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(context));
            }
        }
        return fallback.create(type);
    }
}
