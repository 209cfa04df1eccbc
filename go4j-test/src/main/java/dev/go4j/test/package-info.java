/**
 * JUnit 5 support for code that uses go4j: {@link dev.go4j.test.VerifyNoGoroutineLeaks} fails a test
 * that leaves goroutines behind, with their goroutine dump; {@link dev.go4j.test.VerifyNoDataRaces}
 * fails a test during which the race detector (go4j-race's agent) reported a data race;
 * {@link dev.go4j.test.SyncTest} runs a test method in a virtual-time bubble.
 */
package dev.go4j.test;
