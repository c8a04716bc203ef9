package org.newsletter.store.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the line of a file's first byte that is not UTF-8, in constant memory. Run only after the CSV
 * reader met such a byte: the reader decodes a block ahead of the row it parses, so it cannot say where.
 */
final class Utf8Lines {

    private static final int BLOCK = 64 * 1024;

    private Utf8Lines() {
    }

    /** The 1-based line of the first malformed byte, or 0 when the whole file is UTF-8. */
    static long firstMalformedLine(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(BLOCK);
        CharBuffer out = CharBuffer.allocate(BLOCK);
        long line = 1;
        try (ReadableByteChannel channel = Files.newByteChannel(file)) {
            while (true) {
                boolean end = channel.read(in) < 0;
                in.flip();
                int start = in.position();
                CoderResult result = decoder.decode(in, out, end);
                for (int i = start; i < in.position(); i++) {
                    if (in.get(i) == '\n') {
                        line++;
                    }
                }
                if (result.isError()) {
                    return line;
                }
                out.clear();
                if (end && result.isUnderflow()) {
                    return 0;
                }
                in.compact();
            }
        }
    }
}
