/**
 * JUnit 5 support for code that uses go4j: {@link dev.go4j.test.VerifyNoGoroutineLeaks} fails a test
 * that leaves goroutines behind, with their goroutine dump; {@link dev.go4j.test.SyncTest} runs a test
 * method in a virtual-time bubble.
 */
package dev.go4j.test;
