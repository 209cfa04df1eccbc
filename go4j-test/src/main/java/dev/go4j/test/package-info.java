/**
 * JUnit 5 support for code that uses go4j: {@link dev.go4j.test.VerifyNoGoroutineLeaks} fails a test
 * that leaves goroutines behind, with their goroutine dump.
 */
package dev.go4j.test;
