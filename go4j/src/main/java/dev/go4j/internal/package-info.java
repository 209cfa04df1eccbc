/**
 * Machinery shared by every blocking primitive of go4j: the waiter (Go's {@code sudog}), its FIFO queue
 * and the short lock that guards a queue. Not exported by the module: nothing here is API.
 */
package dev.go4j.internal;
