/**
 * Go's {@code context} package: cancellation, deadlines and request-scoped values across goroutines.
 *
 * <p>{@link dev.go4j.context.Context} is the interface (users may implement it);
 * {@link dev.go4j.context.Contexts} holds Go's package functions ({@code background}, {@code withCancel},
 * {@code withTimeout}, {@code withValue}, {@code afterFunc}, {@code cause}, ...) and two Java helpers:
 * {@link dev.go4j.context.Contexts#recv} waits on a channel and {@link dev.go4j.context.Contexts#call}
 * runs a task that is interrupted when the context is done.
 *
 * <p>Go's rules hold: cancellation flows to every descendant synchronously and never to ancestors; a
 * cancelled child is unlinked from its parent; a child of a done parent is born done; the earlier
 * deadline wins; the nearest value binding wins; the first cause wins. Deadlines use the
 * {@link dev.go4j.time.Clock} current when the context is made.
 *
 * <p>What may not live here: machinery or diagnostics. Contexts are built on channels, {@code time} and
 * the core's short lock and timer-channel door; nothing here imports {@code dev.go4j.internal.diag} or
 * {@code dev.go4j.runtime}.
 */
package dev.go4j.context;
