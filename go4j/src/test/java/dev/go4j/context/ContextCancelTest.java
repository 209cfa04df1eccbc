package dev.go4j.context;

import static dev.go4j.TestSupport.join;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Task;
import dev.go4j.TestSupport;
import dev.go4j.runtime.Goroutines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports the cancellation tests of Go's context_test.go and x_test.go: TestBackground, TestTODO,
 * TestWithCancel, TestParentFinishesChild, TestChildFinishesFirst, TestCanceledParent (born cancelled),
 * TestSimultaneousCancels, TestInterlockedCancels, TestLayersCancel, TestCustomContextGoroutines
 * (foreign parents), plus the unlinking rule at scale (1,000,000 children under one parent).
 */
@Timeout(60)
class ContextCancelTest {

    /** A user-written context that delegates everything: Go's {@code otherContext}. */
    record Foreign(Context inner) implements Context {
        @Override
        public Optional<Instant> deadline() {
            return inner.deadline();
        }

        @Override
        public RecvChan<Void> done() {
            return inner.done();
        }

        @Override
        public ContextException err() {
            return inner.err();
        }

        @Override
        public Object value(Object key) {
            return inner.value(key);
        }
    }

    static boolean isDone(Context c) {
        return c.done().isDrained();
    }

    @Test
    void backgroundAndTodoAreNeverDone() {
        for (Context c : List.of(Contexts.background(), Contexts.todo())) {
            assertSame(Chan.nil(), c.done());
            assertNull(c.err());
            assertTrue(c.deadline().isEmpty());
            assertNull(c.value("k"));
        }
        assertEquals("context.Background", Contexts.background().toString());
        assertEquals("context.TODO", Contexts.todo().toString());
    }

    @Test
    void withCancelCancelsDescendantsThroughForeignWrappers() {
        Cancelable c1 = Contexts.withCancel(Contexts.background());
        Context o = new Foreign(c1.context());
        Cancelable c2 = Contexts.withCancel(o);
        List<Context> all = List.of(c1.context(), o, c2.context());
        for (Context c : all) {
            assertFalse(isDone(c), c + " done too early");
            assertNull(c.err());
        }
        assertEquals(1, ((CancelCtx) c1.context()).childCount(), "wrapper parent recognised as ours: no goroutine");
        c1.cancel();
        for (Context c : all) {
            assertTrue(isDone(c), c + " not done when cancel returned");
            assertSame(ContextException.CANCELED, c.err());
        }
    }

    @Test
    void parentFinishesChild() {
        Cancelable parent = Contexts.withCancel(Contexts.background());
        Context p = parent.context();
        Cancelable cancelChild = Contexts.withCancel(p);
        Cancelable timerChild = Contexts.withTimeout(p, java.time.Duration.ofHours(24));
        Context valueChild = Contexts.withValue(p, "key", "value");
        Cancelable grandchild = Contexts.withCancel(valueChild);
        CancelCtx pc = (CancelCtx) p;
        assertEquals(3, pc.childCount(), "the cancel, timer and grandchild (through the value) contexts");

        parent.cancel();

        assertEquals(0, pc.childCount(), "children dropped after cancel");
        for (Context c : List.of(p, cancelChild.context(), timerChild.context(), valueChild, grandchild.context())) {
            assertTrue(isDone(c), c + " not done");
            assertSame(ContextException.CANCELED, c.err());
        }
        Cancelable late = Contexts.withCancel(p);
        assertTrue(isDone(late.context()), "a child of a cancelled parent is born cancelled");
        assertSame(ContextException.CANCELED, late.context().err());
        assertEquals(0, pc.childCount());
    }

    @Test
    void childFinishesFirstAndLeavesParent() {
        for (Cancelable parent : List.of(Contexts.withCancel(Contexts.background()),
                Contexts.withTimeout(Contexts.background(), java.time.Duration.ofHours(24)))) {
            CancelCtx p = (CancelCtx) parent.context();
            Cancelable child = Contexts.withCancel(p);
            assertEquals(1, p.childCount());
            child.cancel();
            assertEquals(0, p.childCount(), "the cancelled child was not removed from its parent");
            assertTrue(isDone(child.context()));
            assertFalse(isDone(p), "cancellation flowed to the parent");
            assertNull(p.err());
            parent.cancel();
            assertSame(ContextException.CANCELED, child.context().err());
        }
    }

    @Test
    void millionChildrenCreatedAndCancelledLeaveNothingBehind() {
        Cancelable parent = Contexts.withCancel(Contexts.background());
        CancelCtx p = (CancelCtx) parent.context();
        int n = 1_000_000; // fast enough for every profile: about a second
        for (int i = 0; i < n; i++) {
            Cancelable c = Contexts.withCancel(p);
            c.context().done(); // allocate the channel too
            if (i % 2 == 0) {
                c.cancel();
            } else {
                Contexts.withTimeout(p, java.time.Duration.ofHours(1)).cancel();
                c.cancel();
            }
            if (p.childCount() > 1) {
                throw new AssertionError("children accumulate: " + p.childCount() + " after " + i);
            }
        }
        assertEquals(0, p.childCount());
        assertNull(p.err(), "cancelling children never cancels the parent");
    }

    @Test
    void nullParentOrKeyThrows() {
        assertThrows(NullPointerException.class, () -> Contexts.withCancel(null));
        assertThrows(NullPointerException.class, () -> Contexts.withCancelCause(null));
        assertThrows(NullPointerException.class, () -> Contexts.withTimeout(null, java.time.Duration.ZERO));
        assertThrows(NullPointerException.class, () -> Contexts.withDeadline(null, Instant.now()));
        assertThrows(NullPointerException.class, () -> Contexts.withValue(null, "k", "v"));
        assertThrows(NullPointerException.class, () -> Contexts.withoutCancel(null));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Contexts.withValue(Contexts.background(), null, "v"));
        assertEquals("nil key", e.getMessage());
        assertEquals("cannot create context from nil parent",
                assertThrows(NullPointerException.class, () -> Contexts.withCancel(null)).getMessage());
    }

    @Test
    void simultaneousCancels() throws InterruptedException {
        Cancelable root = Contexts.withCancel(Contexts.background());
        List<Cancelable> all = new ArrayList<>();
        all.add(root);
        Random rnd = new Random(1);
        int size = scaled(200, 5000);
        for (int i = 0; i < size; i++) {
            Cancelable parent = all.get(rnd.nextInt(all.size()));
            Context p = rnd.nextBoolean() ? parent.context() : Contexts.withValue(parent.context(), i, i);
            all.add(Contexts.withCancel(p));
        }
        List<Cancelable> order = new ArrayList<>(all);
        Collections.shuffle(order, rnd);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> cancellers = new ArrayList<>();
        for (Cancelable c : order) {
            cancellers.add(Go.go(() -> {
                start.await();
                c.cancel();
            }));
        }
        start.countDown();
        for (Thread t : cancellers) {
            join(t);
        }
        for (Cancelable c : all) {
            assertSame(ContextException.CANCELED, c.context().err());
            assertTrue(isDone(c.context()));
            assertEquals(0, ((CancelCtx) c.context()).childCount());
        }
    }

    /**
     * The child list under concurrent adopts and unlinks, then racing the parent's cancel: the list
     * holds exactly the children not cancelled, and the parent's cancel reaches every child exactly
     * once (counted by an afterFunc on each). A link torn by a race would lose or keep a child.
     */
    @Test
    void childListRacingAdoptsUnlinksAndCancelCancelsEveryChildOnce() throws InterruptedException {
        int rounds = scaled(20, 200);
        int workers = 4;
        int perWorker = 500;
        for (int r = 0; r < rounds; r++) {
            Cancelable parent = Contexts.withCancel(Contexts.background());
            CancelCtx p = (CancelCtx) parent.context();
            AtomicInteger fired = new AtomicInteger();
            List<Context> children = Collections.synchronizedList(new ArrayList<>());
            Task adoptAndUnlink = () -> {
                for (int i = 0; i < perWorker; i++) {
                    Cancelable c = Contexts.withCancel(p);
                    Contexts.afterFunc(c.context(), fired::incrementAndGet);
                    children.add(c.context());
                    if (i % 2 == 0) {
                        c.cancel(); // unlinks itself while the others link and unlink theirs
                    }
                }
            };
            race(workers, adoptAndUnlink, null);
            assertEquals(workers * perWorker / 2, p.childCount(), "the list lost or kept a child");
            race(workers, adoptAndUnlink, parent::cancel);
            for (Context c : children) {
                assertSame(ContextException.CANCELED, c.err());
                assertTrue(isDone(c));
            }
            TestSupport.awaitTrue("every afterFunc ran", () -> fired.get() >= 2 * workers * perWorker);
            assertEquals(2 * workers * perWorker, fired.get(), "a child was cancelled twice");
            assertEquals(0, p.childCount());
        }
    }

    /** Runs {@code n} goroutines of {@code task} and, if not null, one of {@code also}, from one start. */
    private static void race(int n, Task task, Task also) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            Task t = i < n ? task : also;
            if (t != null) {
                threads.add(Go.go(() -> {
                    start.await();
                    t.run();
                }));
            }
        }
        start.countDown();
        for (Thread t : threads) {
            join(t);
        }
    }

    @Test
    void interlockedCancels() throws InterruptedException {
        Cancelable parent = Contexts.withCancel(Contexts.background());
        Cancelable child = Contexts.withCancel(parent.context());
        Thread t = Go.go(() -> {
            parent.context().done().recv();
            child.cancel(); // cancelling a child already cancelled by its parent: no deadlock, no effect
        });
        parent.cancel();
        join(t);
        assertSame(ContextException.CANCELED, child.context().err());
    }

    @Test
    void layersCancel() {
        Cancelable c0 = Contexts.withCancel(Contexts.background());
        Context ctx = c0.context();
        List<Cancelable> cancels = new ArrayList<>(List.of(c0));
        List<Context> layers = new ArrayList<>(List.of(ctx));
        for (int i = 0; i < 100; i++) {
            switch (i % 3) {
                case 0 -> ctx = Contexts.withValue(ctx, "k" + i, i);
                case 1 -> {
                    Cancelable c = Contexts.withCancel(ctx);
                    cancels.add(c);
                    ctx = c.context();
                }
                default -> ctx = new Foreign(ctx);
            }
            layers.add(ctx);
        }
        assertEquals(99, ctx.value("k99"));
        Cancelable middle = cancels.get(cancels.size() / 2);
        middle.cancel();
        int m = layers.indexOf(middle.context());
        for (int i = 0; i < layers.size(); i++) {
            assertEquals(i >= m, isDone(layers.get(i)), "layer " + i);
        }
        c0.cancel();
        layers.forEach(c -> assertSame(ContextException.CANCELED, c.err()));
    }

    @Test
    void foreignParentIsWatchedByOneGoroutineThatEnds() throws InterruptedException {
        OwnDone foreign = new OwnDone();
        int before = Goroutines.numGoroutine();
        Cancelable child = Contexts.withCancel(foreign);
        Cancelable grandchild = Contexts.withCancel(Contexts.withValue(child.context(), "own", 1));
        assertEquals("yes", grandchild.context().value("foreign"), "values are found through a foreign parent");
        assertEquals(1, grandchild.context().value("own"));
        assertEquals(before + 1, Goroutines.numGoroutine(), "one watcher for the foreign parent");
        foreign.cancel();
        grandchild.context().done().recv();
        assertSame(ContextException.CANCELED, child.context().err());
        TestSupport.awaitTrue("the watcher ends", () -> Goroutines.numGoroutine() == before);

        Contexts.withCancel(new Foreign(Contexts.withoutCancel(foreign))).cancel();
        assertEquals(before, Goroutines.numGoroutine(), "a never-cancelled foreign chain needs no watcher");
    }

    @Test
    void watcherEndsWhenTheChildIsCancelledFirst() {
        OwnDone foreign = new OwnDone();
        int before = Goroutines.numGoroutine();
        Cancelable child = Contexts.withCancel(foreign);
        child.cancel();
        TestSupport.awaitTrue("the watcher ends", () -> Goroutines.numGoroutine() == before);
        assertNull(foreign.err(), "cancellation never flows to ancestors");
    }
}
