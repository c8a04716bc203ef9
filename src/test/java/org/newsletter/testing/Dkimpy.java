package org.newsletter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * An independent DKIM verifier for tests: dkimpy (Debian's python3-dkim), the implementation behind
 * many Python mail tools, run as a subprocess so that our signer is checked by code we did not write.
 * The DNS lookup is answered by the test with the TXT record it gives, nothing goes to the network.
 *
 * <p>The Python interpreter is {@code -Dnewsletter.python3} if set, else the first of {@code python3}
 * on the PATH and {@code /usr/bin/python3} that can import {@code dkim}: a pyenv or virtualenv
 * {@code python3} first on the PATH does not see Debian's packages.
 */
public final class Dkimpy {

    private static final String HINT = "python3-dkim not installed: apt-get install python3-dkim";

    /**
     * argv: the DNS name to answer, its TXT record, then message files. Prints one line per message, in
     * order: "pass" or "fail: why". One process for many messages: importing dkim takes about a second.
     */
    private static final String VERIFY = """
            import logging, sys
            import dkim

            name, record, files = sys.argv[1], sys.argv[2].encode('ascii'), sys.argv[3:]
            looked_up = []

            def dnsfunc(qname, timeout=5):
                qname = qname.decode('ascii') if isinstance(qname, bytes) else qname
                looked_up.append(qname)
                return record if qname.rstrip('.').lower() == name.lower() else None

            class Collect(logging.Handler):
                def __init__(self):
                    super().__init__(logging.INFO)
                    self.lines = []
                def emit(self, entry):
                    self.lines.append(entry.getMessage())

            for file in files:
                with open(file, 'rb') as f:
                    message = f.read()
                errors = Collect()
                logger = logging.getLogger('dkimpy-test-' + file)
                logger.setLevel(logging.INFO)
                logger.addHandler(errors)
                looked_up.clear()
                try:
                    passed = dkim.verify(message, logger=logger, dnsfunc=dnsfunc)
                except dkim.DKIMException as e:
                    passed = False
                    errors.lines.append('%s: %s' % (type(e).__name__, e))
                if passed:
                    print('pass')
                else:
                    why = '; '.join(errors.lines) or 'signature does not verify'
                    print(('fail: %s (looked up: %s)' % (why, ', '.join(looked_up) or 'nothing')).replace('\\n', ' '))
            """;

    private final Path python;
    private final Path folder;

    private Dkimpy(Path python, Path folder) {
        this.python = python;
        this.folder = folder;
    }

    /**
     * The verifier, working in {@code folder}, or null when no Python here can import dkim. For a
     * {@code @BeforeAll}: finding it costs a second or two, and must not skip the tests that do not need it.
     */
    public static Dkimpy find(Path folder) {
        for (Path candidate : PythonInterpreters.candidates()) {
            ExternalTools.Result result = ExternalTools.run(List.of(candidate.toString(), "-c", "import dkim"), null,
                    Duration.ofSeconds(60));
            if (result.exitCode() == 0) {
                return new Dkimpy(candidate, folder);
            }
        }
        return null;
    }

    /** {@code found} itself, or skips the calling test with the package to install. */
    public static Dkimpy require(Dkimpy found) {
        return found != null ? found
                : Assumptions.abort(HINT + " [no python3 here can import dkim; tried: " + (PythonInterpreters.candidates().isEmpty() ? "none found" : PythonInterpreters.candidates()) + "]");
    }

    /** What dkimpy said about a message. */
    public record Verdict(boolean passed, String report) {
    }

    /** Verifies the first DKIM-Signature of {@code message}, answering DNS for {@code dnsName} with {@code txtRecord}. */
    public Verdict verify(byte[] message, String dnsName, String txtRecord) {
        return verify(List.of(message), dnsName, txtRecord).get(0);
    }

    /** As {@link #verify(byte[], String, String)}, for several messages in one run of Python. */
    public List<Verdict> verify(List<byte[]> messages, String dnsName, String txtRecord) {
        try {
            Path script = folder.resolve("dkimpy-verify.py");
            Files.writeString(script, VERIFY);
            List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), dnsName, txtRecord));
            for (byte[] message : messages) {
                command.add(Files.write(Files.createTempFile(folder, "message-", ".eml"), message).toString());
            }
            ExternalTools.Result result = ExternalTools.run(command, null, Duration.ofSeconds(60));
            List<String> lines = result.out().lines().toList();
            if (result.exitCode() != 0 || lines.size() != messages.size()) {
                throw new AssertionError("dkimpy verification failed to run (exit " + result.exitCode() + "):\n"
                        + result.out() + result.err());
            }
            return lines.stream().map(line -> new Verdict(line.equals("pass"), line)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
