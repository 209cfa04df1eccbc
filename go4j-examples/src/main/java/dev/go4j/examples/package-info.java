/**
 * The example programs of <i>Concurrency in Go</i> (Katherine Cox-Buday, O'Reilly 2017), ported to
 * go4j, one class per example, in packages by chapter ({@code ch1}, {@code ch3} ... {@code appa}).
 * {@link dev.go4j.examples.Catalog} lists them by the IDs of book-examples.md; {@link dev.go4j.examples.Main}
 * is the command line ({@code list}, {@code run ID-or-NAME}, {@code tour}). Every example prints to the
 * stream it is given, so that its test can check what it printed.
 */
package dev.go4j.examples;
