/**
 * The patterns of <i>Concurrency in Go</i> (Katherine Cox-Buday), chapters 4 and 5, as a small library on go4j's public API ({@link dev.go4j.Go}, {@link dev.go4j.Chan},
 * {@link dev.go4j.Select}, and {@link dev.go4j.time.Time} for heartbeats), so that nobody writes
 * {@code orDone} by hand again.
 *
 * <p>Every goroutine-starting method takes a done channel ({@code RecvChan<?> done}) first, as the
 * book's functions do: closing it ends every goroutine the pattern started, promptly, even when nobody
 * reads the outputs any more, and once done is closed or the input is drained no goroutine is left
 * behind. Returned channels are owned, and closed, by the pattern's goroutines. Pass
 * {@link dev.go4j.Chan#nil()} for a done that never closes (the book passes {@code nil}).
 *
 * <table class="striped">
 *   <caption>The book's patterns and their go4j methods</caption>
 *   <thead><tr><th>book (Go)</th><th>go4j</th></tr></thead>
 *   <tbody>
 *   <tr><td>preventing goroutine leaks: {@code select { case <-done: return; case out <- v: }}</td>
 *       <td>{@link dev.go4j.pattern.Channels#sendOrDone}, {@link dev.go4j.pattern.Channels#recvOrDone}</td></tr>
 *   <tr><td>{@code or(channels ...)} (the or-channel)</td><td>{@link dev.go4j.pattern.Channels#or(dev.go4j.RecvChan...)}</td></tr>
 *   <tr><td>{@code orDone(done, c)}</td><td>{@link dev.go4j.pattern.Channels#orDone}</td></tr>
 *   <tr><td>{@code tee(done, in)}</td><td>{@link dev.go4j.pattern.Channels#tee} → {@link dev.go4j.pattern.Channels.Tee}</td></tr>
 *   <tr><td>{@code bridge(done, chanStream)}</td><td>{@link dev.go4j.pattern.Channels#bridge}</td></tr>
 *   <tr><td>{@code fanIn(done, channels...)}</td><td>{@link dev.go4j.pattern.Channels#fanIn(dev.go4j.RecvChan, dev.go4j.RecvChan...)}</td></tr>
 *   <tr><td>fan-out: {@code NumCPU} copies of {@code primeFinder}, then {@code fanIn}</td>
 *       <td>{@link dev.go4j.pattern.Channels#fanOut}</td></tr>
 *   <tr><td>{@code generator(done, integers...)}</td><td>{@link dev.go4j.pattern.Pipelines#generator(dev.go4j.RecvChan, Object...)}</td></tr>
 *   <tr><td>{@code repeat(done, values...)}</td><td>{@link dev.go4j.pattern.Pipelines#repeat}</td></tr>
 *   <tr><td>{@code repeatFn(done, fn)}</td><td>{@link dev.go4j.pattern.Pipelines#repeatFn}</td></tr>
 *   <tr><td>{@code take(done, valueStream, num)}</td><td>{@link dev.go4j.pattern.Pipelines#take}</td></tr>
 *   <tr><td>{@code toString}, {@code toInt}, {@code multiply}, {@code add} (typed stages)</td>
 *       <td>{@link dev.go4j.pattern.Pipelines#map}, {@link dev.go4j.pattern.Stage#map}</td></tr>
 *   <tr><td>{@code primeFinder} (a stage that drops values)</td><td>{@link dev.go4j.pattern.Pipelines#filter}, {@link dev.go4j.pattern.Stage#filter}</td></tr>
 *   <tr><td>stages composed by nesting calls</td><td>{@link dev.go4j.pattern.Stage#then}</td></tr>
 *   <tr><td>batch-style stages ({@code []int} in, {@code []int} out)</td><td>plain Java methods; see {@link dev.go4j.pattern.Pipelines}</td></tr>
 *   <tr><td>queuing: a buffered channel between stages</td><td>{@link dev.go4j.pattern.Pipelines#buffer} (Little's law in its Javadoc)</td></tr>
 *   <tr><td>error handling: {@code type Result struct { Error error; Response *http.Response }}</td><td>{@link dev.go4j.pattern.Result}</td></tr>
 *   <tr><td>chapter 5, error propagation: {@code MyError}, {@code wrapError}</td><td>{@link dev.go4j.pattern.WrappedError}</td></tr>
 *   <tr><td>chapter 5, replicated requests</td><td>{@link dev.go4j.pattern.Replicas#first(dev.go4j.RecvChan, int, dev.go4j.pattern.Replicas.Replica)},
 *       with a context {@link dev.go4j.pattern.Replicas#first(dev.go4j.context.Context, int, dev.go4j.pattern.Replicas.ContextReplica)}</td></tr>
 *   <tr><td>chapter 5, interval heartbeat {@code doWork(done, pulseInterval)}</td><td>{@link dev.go4j.pattern.Heartbeats#everyInterval}
 *       → {@link dev.go4j.pattern.Heartbeats.Work}</td></tr>
 *   <tr><td>chapter 5, heartbeat per unit of work</td><td>{@link dev.go4j.pattern.Heartbeats#perUnit}</td></tr>
 *   <tr><td>chapter 5, {@code sendPulse}: {@code select { case heartbeat <- struct{}{}: default: }}</td>
 *       <td>{@link dev.go4j.pattern.Heartbeats#pulse}, {@link dev.go4j.pattern.Heartbeats.Emitter#beat}</td></tr>
 *   <tr><td>chapter 5, {@code startGoroutineFn}, {@code newSteward(timeout, startGoroutine)}</td>
 *       <td>{@link dev.go4j.pattern.Steward.StartGoroutineFn}, {@link dev.go4j.pattern.Steward#newSteward}</td></tr>
 *   <tr><td>chapter 5, rate limiting ({@code APIConnection}, {@code MultiLimiter})</td>
 *       <td>{@link dev.go4j.rate.Limiter}, {@link dev.go4j.rate.MultiLimiter} (package {@code dev.go4j.rate})</td></tr>
 *   <tr><td>beyond the book: core.async's {@code mult}/{@code tap} (broadcast)</td><td>{@link dev.go4j.pattern.Broadcast}</td></tr>
 *   <tr><td>beyond the book: core.async's {@code pub}/{@code sub} (publish/subscribe by topic)</td><td>{@link dev.go4j.pattern.Topics}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p><b>Done channels and contexts.</b> A {@link dev.go4j.context.Context}'s {@code done()} is a
 * {@link dev.go4j.RecvChan}, so every method here already takes a context: pass {@code ctx.done()}
 * as its done channel. There are deliberately no blanket {@code Context} overloads, which would double
 * the API to save typing {@code .done()}: the book itself cancels its patterns with done channels
 * (chapter 4 introduces the context package for the functions that do the work, not for the
 * combinators), and a stage cancelled by a context needs nothing from it but that channel. The one
 * place that takes a {@code Context} is where the book's work receives one:
 * {@link dev.go4j.pattern.Replicas#first(dev.go4j.context.Context, int, dev.go4j.pattern.Replicas.ContextReplica)},
 * whose replicas get a child context, cancelled at the first answer, to hand to context-aware calls
 * (a {@link dev.go4j.rate.Limiter#await}, a {@link dev.go4j.context.Contexts#recv}). The time-based
 * patterns ({@link dev.go4j.pattern.Heartbeats}, {@link dev.go4j.pattern.Steward}) read the
 * {@linkplain dev.go4j.time.Clock#current() current clock} of the calling thread, so tests run them on
 * a {@link dev.go4j.time.ManualClock}.
 *
 * <p>What may not live here: machinery or diagnostics. The patterns use the public API, and the core's
 * short lock for their own bookkeeping; nothing here imports {@code dev.go4j.internal.diag} or
 * {@code dev.go4j.runtime}.
 */
package dev.go4j.pattern;
