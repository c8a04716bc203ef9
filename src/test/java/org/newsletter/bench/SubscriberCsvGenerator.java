package org.newsletter.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a realistic subscriber CSV for benchmarks: Mailchimp-style columns, names with accents and
 * commas, tags, a few attributes, a sprinkling of duplicates and invalid rows. Fixed seed, so two runs
 * import the same file.
 *
 * <p>Usage: {@code java -cp target/newsletter.jar:target/test-classes org.newsletter.bench.SubscriberCsvGenerator FILE ROWS}
 */
public final class SubscriberCsvGenerator {

    private static final String[] FIRST = {"Ann", "Bob", "Chloé", "Dev", "Eilidh", "Femi", "Grace", "Hamza", "Isla", "José",
            "Kai", "Lena", "Mohammed", "Niamh", "Oluwaseun", "Priya", "Quinn", "Rhys", "Siobhán", "Tomasz", "Uma", "Zoë"};
    private static final String[] LAST = {"Smith", "O'Neil", "Patel", "Nowak", "Jones", "Okafor", "MacLeod", "Khan",
            "García", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Ahmed"};
    private static final String[] CITIES = {"London", "Leeds", "Croydon", "Manchester", "Glasgow", "Cardiff", "Belfast", "York"};
    private static final String[] TAGS = {"cuppa", "drop-in", "volunteer", "commissioner", "researcher", "member"};
    private static final String[] DOMAINS = {"example.org", "example.com", "mail.example.net", "example.co.uk"};

    private SubscriberCsvGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SubscriberCsvGenerator FILE ROWS");
            System.exit(2);
        }
        write(Path.of(args[0]), Long.parseLong(args[1]));
    }

    public static void write(Path file, long rows) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Email Address,First Name,Last Name,CITY,MEMBER_RATING,OPTIN_TIME,TAGS\r\n");
            for (long i = 0; i < rows; i++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                String email;
                int kind = random.nextInt(1000);
                if (kind == 0) {
                    email = "not an address " + i;
                } else if (kind == 1 && i > 10) {
                    email = "Person" + (i - 7) + "@" + DOMAINS[(int) ((i - 7) % DOMAINS.length)].toUpperCase();
                } else {
                    email = "person" + i + "@" + DOMAINS[(int) (i % DOMAINS.length)];
                }
                String tags = random.nextBoolean() ? "" : "\"\"" + TAGS[random.nextInt(TAGS.length)] + "\"\"";
                out.write(email + "," + first + ",\"" + last.replace("\"", "\"\"") + "\"," + CITIES[random.nextInt(CITIES.length)]
                        + "," + (1 + random.nextInt(5)) + ",2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
                        + " 10:0" + random.nextInt(10) + ":00,\"" + tags + "\"\r\n");
            }
        }
    }
}
