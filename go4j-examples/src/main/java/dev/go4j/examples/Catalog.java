package dev.go4j.examples;

import dev.go4j.examples.appa.GoroutineCount;
import dev.go4j.examples.appa.GoroutineError;
import dev.go4j.examples.appa.RaceDetection;
import dev.go4j.examples.ch1.BackOffLivelock;
import dev.go4j.examples.ch1.Livelock;
import dev.go4j.examples.ch1.MemoryAccessSync;
import dev.go4j.examples.ch1.MutexDeadlock;
import dev.go4j.examples.ch1.RaceCondition;
import dev.go4j.examples.ch1.Starvation;
import dev.go4j.examples.ch3.ChannelBasics;
import dev.go4j.examples.ch3.ChannelDeadlocks;
import dev.go4j.examples.ch3.ChannelPanics;
import dev.go4j.examples.ch3.CloseBroadcast;
import dev.go4j.examples.ch3.CondBroadcast;
import dev.go4j.examples.ch3.CondQueue;
import dev.go4j.examples.ch3.ContextSwitch;
import dev.go4j.examples.ch3.DeferBeforePanic;
import dev.go4j.examples.ch3.GoroutineSize;
import dev.go4j.examples.ch3.Goroutines;
import dev.go4j.examples.ch3.MutexCounter;
import dev.go4j.examples.ch3.NetworkService;
import dev.go4j.examples.ch3.Onces;
import dev.go4j.examples.ch3.Pools;
import dev.go4j.examples.ch3.RWMutexReaders;
import dev.go4j.examples.ch3.SelectStatement;
import dev.go4j.examples.ch3.WaitGroups;
import dev.go4j.examples.ch4.BridgeChannel;
import dev.go4j.examples.ch4.Confinement;
import dev.go4j.examples.ch4.ConfinementOwnership;
import dev.go4j.examples.ch4.ConfinementStructs;
import dev.go4j.examples.ch4.ContextGreeter;
import dev.go4j.examples.ch4.ContextGreeterDone;
import dev.go4j.examples.ch4.ContextKeyTypes;
import dev.go4j.examples.ch4.ContextValues;
import dev.go4j.examples.ch4.ErrorHandlingImproper;
import dev.go4j.examples.ch4.ErrorHandlingProper;
import dev.go4j.examples.ch4.ErrorHandlingStopAfterThree;
import dev.go4j.examples.ch4.FanOutNaivePrimeFinder;
import dev.go4j.examples.ch4.FanOutPrimeFinder;
import dev.go4j.examples.ch4.GeneratorsBenchmark;
import dev.go4j.examples.ch4.GeneratorsRepeatFn;
import dev.go4j.examples.ch4.GeneratorsRepeatTake;
import dev.go4j.examples.ch4.GeneratorsToString;
import dev.go4j.examples.ch4.GoroutineLeak;
import dev.go4j.examples.ch4.GoroutineLeakBlockedWrite;
import dev.go4j.examples.ch4.GoroutineLeakBlockedWriteSolved;
import dev.go4j.examples.ch4.GoroutineLeakCancellation;
import dev.go4j.examples.ch4.OrChannel;
import dev.go4j.examples.ch4.OrDoneChannel;
import dev.go4j.examples.ch4.PipelinesAddStage;
import dev.go4j.examples.ch4.PipelinesBatch;
import dev.go4j.examples.ch4.PipelinesChannels;
import dev.go4j.examples.ch4.PipelinesFuncStream;
import dev.go4j.examples.ch4.Queuing;
import dev.go4j.examples.ch4.QueuingBuffering;
import dev.go4j.examples.ch4.TeeChannel;
import dev.go4j.examples.ch5.ErrorPropagation;
import dev.go4j.examples.ch5.HealingIrresponsibleWard;
import dev.go4j.examples.ch5.HealingWardWithBridge;
import dev.go4j.examples.ch5.HeartbeatTesting;
import dev.go4j.examples.ch5.IntervalHeartbeat;
import dev.go4j.examples.ch5.RateLimiting;
import dev.go4j.examples.ch5.ReplicatedRequests;
import dev.go4j.examples.ch5.WorkUnitPulse;
import dev.go4j.examples.ch6.WorkStealing;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every example program of <i>Concurrency in Go</i> (Cox-Buday, 2017), in book order, by the IDs of
 * {@code book-examples.md}: the ported ones with their class, the others with the reason they are not
 * (yet) here.
 */
public final class Catalog {
    private Catalog() {}

    /**
     * One example of the book.
     *
     * @param id the ID in book-examples.md, e.g. {@code C4-23}
     * @param section the book's section
     * @param description what it shows, in one line
     * @param example makes the example, or {@code null} if it is not ported
     * @param status {@code ported}, or why not
     */
    public record Entry(String id, String section, String description, Supplier<Example> example, String status) {
        /** The chapter, from the ID: {@code 1}..{@code 6}, {@code A} for the appendix, {@code go4j} for the demo. */
        public String chapter() {
            if (id.startsWith("A")) {
                return "A";
            }
            return id.startsWith("C") ? id.substring(1, id.indexOf('-')) : "go4j";
        }

        /** The example's class name, or the section without blanks for a pending one. */
        public String name() {
            return example != null ? example.get().getClass().getSimpleName() : section.replaceAll("\\W", "");
        }

        /** True if the example can run. */
        public boolean ported() {
            return example != null;
        }
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();

    private static void ported(String id, String section, Supplier<Example> example, String description) {
        ENTRIES.add(new Entry(id, section, description, example, "ported"));
    }

    private static void pending(String id, String section, String description, String reason) {
        ENTRIES.add(new Entry(id, section, description, null, reason));
    }

    static {
        ported("DEMO", "go4j", Demo::new, "goroutines, channels, select with timeout and default, close, range");
        // Chapter 1
        ported("C1-01", "Race Conditions", RaceCondition::new, "data++ in a goroutine against a read in main: a data race, on purpose (reported under go4j-race, see A-02)");
        ported("C1-02", "Memory Access Synchronization", MemoryAccessSync::new, "a mutex makes the critical sections exclusive");
        ported("C1-03", "Deadlock", MutexDeadlock::new, "lock-order inversion of two mutexes, caught by the deadlock detector");
        ported("C1-04", "Livelock", Livelock::new, "the hallway: Alice and Barbara step in lock-step on a Cond cadence");
        ported("C1-05", "Starvation", Starvation::new, "greedy vs polite worker on a shared mutex");
        ported("C1-06", "Livelock (cut)", () -> new BackOffLivelock(BackOffLivelock.Variant.OPPOSITE_ORDER), "try-and-back-off on opposite lock orders");
        ported("C1-07", "Livelock (cut)", () -> new BackOffLivelock(BackOffLivelock.Variant.SAME_ORDER), "the same with a consistent lock order");
        // Chapter 3
        ported("C3-01", "Goroutines", () -> new Goroutines(Goroutines.Variant.JOIN_POINT), "a join point (WaitGroup as join point: joins the thread)");
        ported("C3-02", "Goroutines", () -> new Goroutines(Goroutines.Variant.CLOSURE), "a goroutine changes a variable of its closure (joins the thread)");
        pending("C3-03", "Goroutines", "the loop-variable capture bug (Go < 1.22)",
                "not portable: Java lambdas capture effectively-final values, so the bug cannot be written");
        ported("C3-04", "Goroutines", () -> new Goroutines(Goroutines.Variant.CLOSURE_LOOP), "each goroutine gets its own loop value (joins the threads)");
        ported("C3-05", "Goroutines", GoroutineSize::new, "memory per parked goroutine, go4j next to Go");
        ported("C3-06", "Goroutines", ContextSwitch::new, "context-switch cost: ping-pong on an unbuffered channel, go4j next to Go");
        ported("C3-07", "sync: WaitGroup", () -> new WaitGroups(WaitGroups.Variant.ADD_EACH), "Add before go, deferred Done, Wait");
        ported("C3-08", "sync: WaitGroup", () -> new WaitGroups(WaitGroups.Variant.BULK_ADD), "a single bulk Add(5)");
        ported("C3-09", "sync: Mutex", MutexCounter::new, "critical section with deferred Unlock");
        ported("C3-10", "sync: RWMutex", RWMutexReaders::new, "RWMutex vs Mutex reader scaling, go4j next to Go");
        ported("C3-11", "sync: Cond", CondQueue::new, "bounded queue with Cond Wait/Signal");
        ported("C3-12", "sync: Cond", CondBroadcast::new, "button click broadcast to 3 subscribers (without the listing's lost wakeup)");
        ported("C3-13", "sync: Once", () -> new Onces(Onces.Variant.HUNDRED), "100 goroutines call once.Do");
        ported("C3-14", "sync: Once", () -> new Onces(Onces.Variant.DIFF_FUNCS), "Once counts calls to Do, not functions");
        ported("C3-15", "sync: Once", () -> new Onces(Onces.Variant.CIRCULAR), "circular Once.Do deadlock, caught by the deadlock detector");
        ported("C3-16", "sync: Pool", () -> new Pools(Pools.Variant.BASIC), "New is called only when the pool is empty");
        ported("C3-17", "sync: Pool", () -> new Pools(Pools.Variant.BUFFERS), "1M goroutines share a few pooled buffers");
        ported("C3-18", "sync: Pool", () -> new NetworkService(NetworkService.Variant.SLOW), "slow network service benchmark, go4j next to Go");
        ported("C3-19", "sync: Pool", () -> new NetworkService(NetworkService.Variant.POOLED), "pre-warmed connection pool benchmark, go4j next to Go");
        ported("C3-20", "Channels", () -> new ChannelBasics(ChannelBasics.Variant.SIMPLE), "unbuffered send and receive");
        ported("C3-21", "Channels", () -> new ChannelDeadlocks(ChannelDeadlocks.Variant.NEVER_SENT), "the sender never sends: deadlock, caught by Go.main");
        ported("C3-22", "Channels", () -> new ChannelBasics(ChannelBasics.Variant.COMMA_OK), "comma-ok receive on an open channel");
        ported("C3-23", "Channels", () -> new ChannelBasics(ChannelBasics.Variant.CLOSED), "receive from a closed channel: zero value, false");
        ported("C3-24", "Channels", () -> new ChannelBasics(ChannelBasics.Variant.RANGE), "range stops at close");
        ported("C3-25", "Channels", CloseBroadcast::new, "close as a broadcast to 5 goroutines (joins the threads)");
        ported("C3-26", "Channels", () -> new ChannelBasics(ChannelBasics.Variant.BUFFERED), "buffered channel of capacity 4");
        ported("C3-27", "Channels", () -> new ChannelDeadlocks(ChannelDeadlocks.Variant.NIL_RECV), "receive from a nil channel: deadlock, caught by Go.main");
        ported("C3-28", "Channels", () -> new ChannelDeadlocks(ChannelDeadlocks.Variant.NIL_SEND), "send to a nil channel: deadlock, caught by Go.main");
        ported("C3-29", "Channels", () -> new ChannelPanics(ChannelPanics.Variant.CLOSE_NIL), "close of nil channel panics");
        ported("C3-30", "Channels", () -> new ChannelPanics(ChannelPanics.Variant.SEND_CLOSED), "send on closed channel panics");
        ported("C3-31", "Channels", () -> new ChannelPanics(ChannelPanics.Variant.CLOSE_CLOSED), "close of closed channel panics");
        ported("C3-32", "Channels", ConfinementOwnership::new, "channel ownership (the same program as C4-02)");
        ported("C3-33", "The select Statement", () -> new SelectStatement(SelectStatement.Variant.BLOCKING), "a one-case select blocks until close");
        ported("C3-34", "The select Statement", () -> new SelectStatement(SelectStatement.Variant.FAIRNESS), "select is fair between ready cases");
        ported("C3-35", "The select Statement", () -> new SelectStatement(SelectStatement.Variant.TIMEOUT), "timeout on a nil channel");
        ported("C3-36", "The select Statement", () -> new SelectStatement(SelectStatement.Variant.DEFAULT), "default runs at once");
        ported("C3-37", "The select Statement", () -> new SelectStatement(SelectStatement.Variant.FOR_SELECT_DEFAULT), "for-select loop with default");
        ported("C3-38", "The select Statement", () -> new ChannelDeadlocks(ChannelDeadlocks.Variant.EMPTY_SELECT), "select {} blocks forever: deadlock, caught by Go.main");
        ported("C3-39", "The defer Statement", DeferBeforePanic::new, "a deferred call (finally) runs before a panic unwinds");
        // Chapter 4
        ported("C4-01", "Confinement", Confinement::new, "ad-hoc confinement by convention");
        ported("C4-02", "Confinement", ConfinementOwnership::new, "lexical confinement: the owner exposes a read-only channel");
        ported("C4-03", "Confinement", ConfinementStructs::new,
                "lexical confinement over disjoint slices (WaitGroup as join point: joins the threads)");
        ported("C4-04", "Preventing Goroutine Leaks", GoroutineLeak::new, "a goroutine leaked ranging over a nil channel");
        ported("C4-05", "Preventing Goroutine Leaks", GoroutineLeakCancellation::new, "a done channel cancels the goroutine");
        ported("C4-06", "Preventing Goroutine Leaks", GoroutineLeakBlockedWrite::new, "a producer leaked blocked on send");
        ported("C4-07", "Preventing Goroutine Leaks", GoroutineLeakBlockedWriteSolved::new, "the producer selects on send or done");
        ported("C4-08", "The or-channel", OrChannel::new, "or() closes when the first of its inputs does (library Channels.or)");
        ported("C4-09", "Error Handling", ErrorHandlingImproper::new, "anti-pattern: the goroutine prints its own errors (stub network)");
        ported("C4-10", "Error Handling", ErrorHandlingProper::new, "errors travel to the consumer in a Result (stub network)");
        ported("C4-11", "Error Handling", ErrorHandlingStopAfterThree::new, "the consumer stops after three errors (stub network)");
        ported("C4-12", "Pipelines", PipelinesFuncStream::new, "stream processing with plain functions");
        ported("C4-13", "Pipelines", PipelinesBatch::new, "batch stages");
        ported("C4-14", "Pipelines", PipelinesAddStage::new, "adding a stage");
        ported("C4-15", "Best Practices for Constructing Pipelines", PipelinesChannels::new,
                "channel stages with done (the book's inline stage code)");
        ported("C4-16", "Some Handy Generators", GeneratorsRepeatTake::new, "take(10) of repeat(1)");
        ported("C4-17", "Some Handy Generators", GeneratorsRepeatFn::new, "repeatFn: ten random ints");
        ported("C4-18", "Some Handy Generators", GeneratorsToString::new, "a type-converting stage");
        ported("C4-19", "Some Handy Generators", GeneratorsBenchmark::new, "generic vs typed stages, go4j next to Go");
        ported("C4-20", "Fan-Out, Fan-In", FanOutNaivePrimeFinder::new, "one slow prime-finder stage");
        ported("C4-21", "Fan-Out, Fan-In", FanOutPrimeFinder::new, "one prime finder per CPU, fanned in");
        ported("C4-22", "The or-done-channel", OrDoneChannel::new, "orDone: range over a channel and respect done");
        ported("C4-23", "The tee-channel", TeeChannel::new, "tee: each value to both outputs");
        ported("C4-24", "The bridge-channel", BridgeChannel::new, "bridge: flatten a channel of channels");
        ported("C4-25", "Queuing", Queuing::new, "a buffer frees the short stage early, total time unchanged");
        ported("C4-26", "Queuing", QueuingBuffering::new, "buffered vs unbuffered writes, go4j next to Go");
        ported("C4-27", "The context Package", ContextGreeterDone::new,
                "greeter/farewell on a done channel, a 1-minute locale (WaitGroup as join point: joins the threads)");
        ported("C4-28", "The context Package", () -> new ContextGreeter(false),
                "WithTimeout in the greeting cancels the farewell through the root context");
        ported("C4-29", "The context Package", () -> new ContextGreeter(true), "fail fast when the deadline cannot be met");
        ported("C4-30", "The context Package", () -> new ContextValues(false), "WithValue with string keys");
        ported("C4-31", "The context Package", ContextKeyTypes::new, "keys of distinct types do not collide");
        ported("C4-32", "The context Package", () -> new ContextValues(true), "WithValue with a private key type and accessors");
        // Chapter 5
        ported("C5-01", "Error Propagation", () -> new ErrorPropagation(false), "a raw low-level error escapes the module: the user gets \"unexpected issue\" (WrappedError)");
        ported("C5-02", "Error Propagation", () -> new ErrorPropagation(true), "the error is wrapped at the module boundary: the user gets its message (WrappedError)");
        ported("C5-03", "Heartbeats", () -> new IntervalHeartbeat(false), "interval heartbeat (inline on channels and dev.go4j.time)");
        ported("C5-04", "Heartbeats", () -> new IntervalHeartbeat(true), "a worker that stops heartbeating is found unhealthy (inline)");
        ported("C5-05", "Heartbeats", WorkUnitPulse::new, "a heartbeat per unit of work (inline)");
        pending("C5-06", "Heartbeats", "the DoWork helper alone",
                "not portable: not a program, a fragment of the book's test files (C5-08 and C5-09 contain it)");
        ported("C5-07", "Heartbeats", () -> new HeartbeatTesting(HeartbeatTesting.Variant.BAD), "a test with a 1 s timeout against a 2 s start fails (inline)");
        ported("C5-08", "Heartbeats", () -> new HeartbeatTesting(HeartbeatTesting.Variant.FIRST_HEARTBEAT), "a test that waits for the first heartbeat passes (inline)");
        ported("C5-09", "Heartbeats", () -> new HeartbeatTesting(HeartbeatTesting.Variant.INTERVAL), "a test with an interval heartbeat passes (inline)");
        ported("C5-10", "Replicated Requests", ReplicatedRequests::new, "the fastest of 10 replicas wins, the rest are cancelled (Replicas.first)");
        ported("C5-11", "Rate Limiting", () -> new RateLimiting(RateLimiting.Variant.NONE), "no rate limit (a WaitGroup as the join point)");
        ported("C5-12", "Rate Limiting", () -> new RateLimiting(RateLimiting.Variant.SIMPLE), "one token bucket, 1/s (dev.go4j.rate)");
        ported("C5-13", "Rate Limiting", () -> new RateLimiting(RateLimiting.Variant.MULTI), "a multi-limiter, 2/s and 10/min (dev.go4j.rate)");
        ported("C5-14", "Rate Limiting", () -> new RateLimiting(RateLimiting.Variant.TIERED), "tiered limits: api, disk, network (dev.go4j.rate)");
        ported("C5-15", "Healing Unhealthy Goroutines", HealingIrresponsibleWard::new, "a steward restarts a ward that never heartbeats (inline steward)");
        ported("C5-16", "Healing Unhealthy Goroutines", HealingWardWithBridge::new, "a steward restarts a dying ward; bridge keeps one stream (inline steward)");
        // Chapter 6
        ported("C6-01", "Work Stealing", WorkStealing::new, "fork-join fib: every call a goroutine, the receive is the join");
        // Appendix A
        ported("A-01", "Anatomy of a Goroutine Error", GoroutineError::new, "a panic in a goroutine, printed as Go's trace with \"created by\" (panic handler)");
        ported("A-02", "Race Detection", RaceDetection::new, "go run -race on C1-01: C1-01 in a JVM with go4j-race's agent, reported as Go reports it (exit status 66)");
        ported("A-03", "pprof", GoroutineCount::new, "the live goroutine count grows by 2 per second (Goroutines.numGoroutine)");
    }

    /** Every example, in book order. */
    public static List<Entry> entries() {
        return List.copyOf(ENTRIES);
    }

    /** The example with this ID or class name (case-insensitive). */
    public static Optional<Entry> find(String idOrName) {
        String key = idOrName.toLowerCase(Locale.ROOT);
        return ENTRIES.stream()
                .filter(e -> e.id().toLowerCase(Locale.ROOT).equals(key) || e.name().toLowerCase(Locale.ROOT).equals(key))
                .findFirst();
    }

    /** Prints every example by chapter: ID, section, name, status and description. */
    public static void list(PrintStream out) {
        String chapter = "";
        for (Entry e : ENTRIES) {
            if (!e.chapter().equals(chapter)) {
                chapter = e.chapter();
                out.printf("%nChapter %s%n", chapter);
            }
            out.printf("  %-6s %-42s %-34s %s%n         %s%n", e.id(), e.section(), e.name(), e.status(), e.description());
        }
        List<Entry> book = ENTRIES.stream().filter(e -> !e.chapter().equals("go4j")).toList();
        out.printf("%n%d of the book's %d examples ported.%n", book.stream().filter(Entry::ported).count(), book.size());
    }

    /** Runs one example by ID or name, with a header line. */
    public static void run(String idOrName, PrintStream out) throws Exception {
        Entry e = find(idOrName).orElseThrow(() -> new IllegalArgumentException("no example " + idOrName));
        out.printf("=== %s %s (%s): %s%n", e.id(), e.name(), e.section(), e.description());
        if (!e.ported()) {
            out.println(e.status());
            return;
        }
        e.example().get().run(out);
    }

    /** The tour: a few examples, each after a sentence on what to look for. */
    public static void tour(PrintStream out) throws Exception {
        for (String[] stop : TOUR) {
            out.printf("%n--- %s%n", stop[1]);
            run(stop[0], out);
        }
        out.printf("%nThat was the tour. `list` shows every example of the book; `run ID` runs one.%n");
    }

    private static final String[][] TOUR = {
        {"DEMO", "Goroutines and channels: a producer, a stage and a consumer that selects with a timeout."},
        {"C4-02", "Ownership: the goroutine that makes a channel writes it and closes it; others only read."},
        {"C4-07", "A goroutine blocked on a send leaks unless it also selects on a done channel."},
        {"C4-08", "The or-channel: one channel that closes when the first of five timers fires (after 1 s)."},
        {"C4-23", "Tee: every value of one channel goes to two consumers, in order."},
        {"C4-24", "Bridge: a channel of channels read as one stream."},
        {"C4-28", "Context: a 1 s timeout in one branch cancels the whole call tree."},
    };
}
