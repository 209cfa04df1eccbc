package dev.go4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shapes of {@link Select}'s handlers: checked exceptions pass through the select as they are (and
 * callers whose handlers throw none catch nothing), statement handlers, one-liners. Most of what is
 * tested here is that these shapes compile.
 */
@Timeout(60)
class SelectHandlersTest {

    /** Go's {@code case <-done: return err}: the handler throws, the select rethrows. */
    @Test
    void checkedExceptionFromAHandlerIsRethrown() {
        Chan<Integer> done = Chan.make();
        done.close();
        Chan<Integer> in = Chan.make();
        IOException thrown = assertThrows(IOException.class, () -> firstOrFail(done, in));
        assertEquals("done", thrown.getMessage());
    }

    /** Mixes a throwing and a non-throwing handler: the select throws exactly IOException. */
    private static int firstOrFail(RecvChan<Integer> done, RecvChan<Integer> in) throws IOException, InterruptedException {
        return Select.select(
                Select.recv(done, d -> { throw new IOException("done"); }),
                Select.recv(in, v -> v + 1));
    }

    /** Two handlers throwing different checked exceptions: the select throws their common supertype. */
    @Test
    void differentCheckedExceptionsMeetInTheirSupertype() {
        Chan<Integer> a = Chan.make();
        a.close();
        Exception e = assertThrows(TimeoutException.class, () -> Select.select(
                Select.recv(a, v -> { throw new TimeoutException(); }),
                Select.recv(Chan.<Integer>make(), v -> { throw new IOException(); }),
                Select.timeout(java.time.Duration.ofHours(1), () -> 0)));
        assertEquals(TimeoutException.class, e.getClass());
    }

    /** No handler throws a checked exception: the caller declares only InterruptedException. */
    @Test
    void nothingCheckedToCatchWhenNoHandlerThrows() throws InterruptedException {
        Chan<Integer> a = Chan.make(1);
        a.send(3);
        int got = Select.select(Select.recv(a, v -> v * 2), Select.defaultCase(() -> -1));
        assertEquals(6, got);
        String s = Select.select(Select.recv(a, v -> "value"), Select.timeout(java.time.Duration.ZERO, () -> "timeout"));
        assertEquals("timeout", s);
    }

    /** Statement handlers: recvDo, and void lambdas for send, default and timeout. */
    @Test
    void statementHandlers() throws InterruptedException {
        List<Object> log = new ArrayList<>();
        Chan<Integer> a = Chan.make(1);
        Chan<Integer> b = Chan.make(1);
        a.send(1);
        Select.select(Select.recvDo(a, v -> log.add(v)), Select.recvDo(Chan.<Integer>make(), log::add));
        Select.select(Select.send(b, 2, () -> log.add("sent")), Select.defaultCase(() -> log.add("default")));
        Select.select(Select.recvDo(a, v -> System.out.println(v)), Select.defaultCase(() -> { log.add("empty"); }));
        Select.select(Select.recvDo(a, log::add), Select.timeout(java.time.Duration.ZERO, () -> { log.add("timeout"); }));
        assertEquals(List.of(1, "sent", "empty", "timeout"), log);
        assertEquals(2, b.recv());
    }

    /** A statement case and value cases in one select: the statement case gives null. */
    @Test
    void statementAndValueCasesMix() throws InterruptedException {
        Chan<Integer> a = Chan.make(1);
        a.send(1);
        List<Integer> seen = new ArrayList<>();
        String r = Select.select(Select.recvDo(a, seen::add), Select.defaultCase(() -> "none"));
        assertNull(r);
        assertEquals(List.of(1), seen);
        assertSame("none", Select.select(Select.recvDo(a, seen::add), Select.defaultCase(() -> "none")));
    }
}
