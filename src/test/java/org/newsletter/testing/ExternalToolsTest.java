package org.newsletter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Programs the tests start see none of the developer's environment but what they are given. */
class ExternalToolsTest {

    @Test
    void aProgramATestStartsSeesOnlyThePathHomeLocaleAndWhatItIsGiven() {
        assertThat(System.getenv()).as("set for every test by Surefire (pom.xml), so there is something not to pass on")
                .containsKey("NEWSLETTER_DATABASE_URL");
        Path env = ExternalTools.require("newsletter.env", "env", "no 'env' program on the PATH");

        ExternalTools.Result result = ExternalTools.run(List.of(env.toString()), null, Duration.ofSeconds(30), Map.of("GIVEN", "yes"));

        assertThat(result.exitCode()).isZero();
        List<String> names = result.out().lines().map(line -> line.substring(0, line.indexOf('='))).toList();
        assertThat(names).contains("GIVEN").doesNotContain("NEWSLETTER_DATABASE_URL")
                .allMatch(name -> name.equals("GIVEN") || ExternalTools.INHERITED_VARIABLES.contains(name));
    }
}
