package org.newsletter.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What {@link RequiresPostgres} does: looks for the server once per test run (the answer is kept in
 * JUnit's root store, and its one line printed then), enables or skips each marked class or method
 * by it, and hands the server to those that run. A condition, not an assumption: a skipped class's
 * {@code @BeforeAll} and {@code @AfterAll} never run, so they cannot fail on what they did not set up.
 */
public final class TestPostgresExtension implements ExecutionCondition, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestPostgresExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        TestPostgres.Lookup lookup = lookup(context);
        if (lookup instanceof TestPostgres.Found) {
            return ConditionEvaluationResult.enabled(lookup.message());
        }
        if (lookup instanceof TestPostgres.Absent) {
            return ConditionEvaluationResult.disabled(lookup.message());
        }
        throw new ExtensionConfigurationException(lookup.message());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (lookup(context) instanceof TestPostgres.Found found) {
            return found.server();
        }
        throw new ExtensionConfigurationException("no PostgreSQL server for " + parameter + ": " + lookup(context).message());
    }

    private static TestPostgres.Lookup lookup(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(TestPostgres.Lookup.class, type -> {
            TestPostgres.Lookup found = TestPostgres.locate(System.getenv(), TestPostgres.LOCAL_URL);
            System.out.println(found.message());
            return found;
        }, TestPostgres.Lookup.class);
    }
}
