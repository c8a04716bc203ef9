package org.newsletter.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reusable hasher an import uses gives the very hashes suppressions and markers are stored under. */
class EmailHasherTest {

    @Test
    void givesTheStoredHashOfEveryAddressOneAfterAnother() {
        EmailHasher hasher = new EmailHasher();
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        assertThat(hasher.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Random random = new Random(15);
        for (int i = 0; i < 1_000; i++) {
            String key = "p" + Long.toHexString(random.nextLong()) + "@exämple.org".substring(0, 1 + random.nextInt(12));
            assertThat(hasher.of(key)).as(key).isEqualTo(EmailHash.of(key));
        }
    }
}
