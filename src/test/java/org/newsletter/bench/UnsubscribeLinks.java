package org.newsletter.bench;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.newsletter.mail.SubscriberTokens;

/**
 * Prints the unsubscribe path ({@code /u/TOKEN}) of every subscriber of a list, one per line, for the
 * {@code serve} load benchmark to request: real tokens for real people, signed with the secret that
 * {@code serve} uses.
 *
 * <p>Usage: {@code java -cp target/newsletter.jar:target/test-classes org.newsletter.bench.UnsubscribeLinks SQLITE-FILE LIST SECRET}
 */
public final class UnsubscribeLinks {

    private UnsubscribeLinks() {
    }

    public static void main(String[] args) throws SQLException, java.io.IOException {
        if (args.length != 3) {
            System.err.println("usage: UnsubscribeLinks SQLITE-FILE LIST SECRET");
            System.exit(2);
        }
        SubscriberTokens tokens = new SubscriberTokens(args[2]);
        String query = "SELECT s.subscriber_id, s.list_id FROM subscription s JOIN mailing_list l ON l.id = s.list_id WHERE l.slug = ? "
                + "ORDER BY s.subscriber_id";
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
                PreparedStatement select = db.prepareStatement(query);
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII))) {
            select.setString(1, args[1]);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.write("/u/" + tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, rows.getLong(1), rows.getLong(2)));
                    out.write('\n');
                }
            }
        }
    }
}
