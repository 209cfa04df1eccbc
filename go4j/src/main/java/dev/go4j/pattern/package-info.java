/**
 * The patterns of <i>Concurrency in Go</i> (Katherine Cox-Buday), chapter 4 and the channel-only parts
 * of chapter 5, as a small library on go4j's public API ({@link dev.go4j.Go}, {@link dev.go4j.Chan},
 * {@link dev.go4j.Select}), so that nobody writes {@code orDone} by hand again.
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
 *   <tr><td>chapter 5, replicated requests</td><td>{@link dev.go4j.pattern.Replicas#first}</td></tr>
 *   <tr><td>beyond the book: core.async's {@code mult}/{@code tap} (broadcast)</td><td>{@link dev.go4j.pattern.Broadcast}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Not here yet: overloads taking a {@code Context} (its done channel is a {@link dev.go4j.RecvChan},
 * so they will delegate to these methods), and chapter 5's heartbeats and steward, which need timers.
 */
package dev.go4j.pattern;
