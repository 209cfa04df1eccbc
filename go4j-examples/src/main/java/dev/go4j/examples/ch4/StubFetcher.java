package dev.go4j.examples.ch4;

import java.io.IOException;

/**
 * The network of chapter 4's error-handling examples, stubbed so that they run offline and print the
 * same thing every time: {@code https://www.google.com} answers {@code 200 OK}; a URL without a scheme
 * fails as Go's {@code http.Get} does; any other host does not exist.
 */
final class StubFetcher {
    private StubFetcher() {}

    /** What a response is here: its status line. */
    record Response(String status) {}

    static Response get(String url) throws IOException {
        if (url.equals("https://www.google.com")) {
            return new Response("200 OK");
        }
        if (!url.contains("://")) {
            throw new IOException("Get \"" + url + "\": unsupported protocol scheme \"\"");
        }
        String host = url.substring(url.indexOf("://") + 3);
        throw new IOException("Get \"" + url + "\": dial tcp: lookup " + host + ": no such host");
    }
}
