/**
 * Virtual-time bubbles for testing concurrent code, Go 1.25's {@code testing/synctest}: see
 * {@link dev.go4j.synctest.Synctest}.
 */
package dev.go4j.synctest;
