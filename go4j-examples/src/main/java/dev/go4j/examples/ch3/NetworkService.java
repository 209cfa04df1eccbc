package dev.go4j.examples.ch3;

import dev.go4j.UncheckedInterruptedException;
import dev.go4j.examples.Example;
import dev.go4j.sync.Pool;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Time;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * C3-18 and C3-19, sync: Pool: a TCP daemon on localhost that "connects to a service" (sleeps 1 s)
 * for every request ({@code SLOW}), or takes a connection from a pool warmed with ten at start-up
 * ({@code POOLED}, about 10 s of warm-up). A benchmark dials it {@code requests} times and reads each
 * reply: {@code BenchmarkNetworkRequest  N  T ns/op}, next to the book's figure (Go: about 1 s/op slow,
 * 5 ms/op pooled, about 200x faster). The daemon listens on a free port, not the book's 8080, and is
 * closed at the end (the book's runs until the test binary exits). The last line counts the service
 * connections made: one per request when slow, only the ten warm ones when pooled.
 */
public final class NetworkService implements Example {
    /** Which of the services. */
    public enum Variant { SLOW, POOLED }

    private static final int WARM_CONNECTIONS = 10;

    private final Variant variant;
    private final Duration connectTime;
    private final int requests;
    private final AtomicInteger connections = new AtomicInteger();

    /** The book's benchmark: a 1 s connect, five requests (the book's b.N for the slow service). */
    public NetworkService(Variant variant) {
        this(variant, Duration.ofSeconds(1), 5);
    }

    /** The benchmark with {@code connectTime} per service connection and {@code requests} requests. */
    public NetworkService(Variant variant, Duration connectTime, int requests) {
        this.variant = variant;
        this.connectTime = connectTime;
        this.requests = requests;
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Pool<Object> connPool = variant == Variant.POOLED ? warmServiceConnCache() : null;
            WaitGroup daemon = new WaitGroup();
            daemon.go(() -> serve(server, connPool));
            Instant begin = Time.now();
            for (int i = 0; i < requests; i++) {
                try (Socket conn = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                        InputStream in = conn.getInputStream()) {
                    in.readAllBytes();
                }
            }
            long nsPerOp = Time.since(begin).toNanos() / requests;
            out.printf("BenchmarkNetworkRequest-2\t%d\t%d ns/op (Go, in this repository's run: %s)%n", requests, nsPerOp,
                    variant == Variant.SLOW ? "5  1000802587 ns/op" : "200  5062288 ns/op");
            out.printf("service connections made: %d%n", connections.get());
            server.close();
            daemon.await();
        }
    }

    /** The book's {@code connectToService}: a slow dial. */
    private Object connectToService() throws InterruptedException {
        Time.sleep(connectTime);
        connections.incrementAndGet();
        return new Object();
    }

    private Pool<Object> warmServiceConnCache() throws InterruptedException {
        Pool<Object> p = new Pool<>(() -> {
            try {
                return connectToService();
            } catch (InterruptedException e) {
                throw new UncheckedInterruptedException(e);
            }
        });
        for (int i = 0; i < WARM_CONNECTIONS; i++) {
            p.put(connectToService());
        }
        return p;
    }

    /** The daemon's accept loop, until the server socket is closed. */
    private void serve(ServerSocket server, Pool<Object> connPool) throws InterruptedException {
        while (!server.isClosed()) {
            try (Socket conn = server.accept(); OutputStream reply = conn.getOutputStream()) {
                if (connPool == null) {
                    connectToService();
                    reply.write("\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    Object svcConn = connPool.get();
                    reply.write("\n".getBytes(StandardCharsets.UTF_8));
                    connPool.put(svcConn);
                }
            } catch (IOException e) {
                // the socket closed at the end, or one request failed: the book logs it and carries on
            }
        }
    }
}
