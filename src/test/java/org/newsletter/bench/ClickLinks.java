package org.newsletter.bench;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.newsletter.mail.SubscriberTokens;

/**
 * Prints the click-tracked paths ({@code /c/TOKEN}) of a sent campaign, one per line, for the
 * {@code clicks} load benchmark: every tracked link of the campaign for every recipient (in
 * {@code per_person} mode each person's own, signed as the message had them), with the secret
 * {@code serve} uses.
 *
 * <p>Usage: {@code java -cp target/newsletter.jar:target/test-classes org.newsletter.bench.ClickLinks SQLITE-FILE CAMPAIGN SECRET aggregate|per_person}
 */
public final class ClickLinks {

    private ClickLinks() {
    }

    public static void main(String[] args) throws SQLException, java.io.IOException {
        if (args.length != 4) {
            System.err.println("usage: ClickLinks SQLITE-FILE CAMPAIGN SECRET aggregate|per_person");
            System.exit(2);
        }
        SubscriberTokens tokens = new SubscriberTokens(args[2]);
        long campaign = Long.parseLong(args[1]);
        boolean perPerson = args[3].equals("per_person");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII))) {
            int links = count(db, "SELECT COUNT(*) FROM campaign_link WHERE campaign_id = ?", campaign);
            List<Long> people = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement("SELECT subscriber_id FROM delivery WHERE campaign_id = ? ORDER BY subscriber_id")) {
                select.setLong(1, campaign);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        people.add(rows.getLong(1));
                    }
                }
            }
            for (long person : people) {
                String personal = "";
                if (perPerson) {
                    String token = tokens.token(SubscriberTokens.Purpose.CLICKER, campaign, person);
                    personal = token.substring(token.indexOf('.'));
                }
                for (int link = 0; link < links; link++) {
                    out.write("/c/" + tokens.token(SubscriberTokens.Purpose.CLICK, campaign, link) + personal);
                    out.write('\n');
                }
            }
        }
    }

    private static int count(Connection db, String query, long campaign) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(query)) {
            select.setLong(1, campaign);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
