package org.newsletter.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs a real PostgreSQL server, found as {@link TestPostgres}
 * says; it gets the server as a {@link TestPostgres} parameter (of its constructor or method). When
 * there is none the class or method is skipped as a whole, before any of its set-up runs, and the
 * reason is printed once per test run. Tagged {@value #TAG}, so {@code mvn test -Dgroups=postgres}
 * runs just these.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RequiresPostgres.TAG)
@ExtendWith(TestPostgresExtension.class)
public @interface RequiresPostgres {

    String TAG = "postgres";
}
