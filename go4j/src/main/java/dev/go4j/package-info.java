/**
 * Goroutines, channels and select: the core of Go's concurrency model.
 *
 * <ul>
 *   <li>{@link dev.go4j.Go#go Go.go(task)} starts a goroutine (a virtual thread);</li>
 *   <li>{@link dev.go4j.Chan} is a channel, with its directional views {@link dev.go4j.SendChan} and
 *       {@link dev.go4j.RecvChan};</li>
 *   <li>{@link dev.go4j.Select} waits on several channel operations at once.</li>
 * </ul>
 *
 * <p>Conventions shared by every type here: a blocking call parks the calling virtual thread (never a
 * carrier, never a busy loop beyond a short adaptive spin), throws {@link java.lang.InterruptedException}
 * when interrupted and then has done nothing; {@code null} is never a channel value, and a receive
 * returns {@code null} exactly when Go's {@code ok} would be false; misuse that would panic in Go throws
 * {@link dev.go4j.ChannelException} with Go's message.
 *
 * <p>What may not live here: machinery. Parking is the core's ({@code dev.go4j.internal}), diagnostics
 * are {@code dev.go4j.internal.diag}'s; the core does not import this package (a channel registers its
 * timer operations with the core, see {@code internal.TimerChannels}).
 */
package dev.go4j;
