package dev.go4j.race;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.go4j.test.DataRaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import racecases.junit.JUnitPrograms;

/**
 * go4j-test's {@code @VerifyNoDataRaces} in a JVM started as README's Surefire recipe starts it (the
 * agent on the {@code argLine}; Surefire execution {@code junit-extension}): the racy test of
 * {@link JUnitPrograms} fails with Go's report, the race-free one passes.
 */
class DataRaceExtensionTest {

    @Test
    void agentIsAttached() {
        assertTrue(DataRaceExtension.detectorAttached());
    }

    @Test
    void failsTheTestThatRaced() {
        EngineTestKit.engine("junit-jupiter").selectors(selectMethod(JUnitPrograms.class, "racy")).execute()
                .testEvents().assertThatEvents().haveExactly(1, event(test("racy"), finishedWithFailure(
                        instanceOf(AssertionError.class),
                        message(m -> m.matches("(?s)race detected during execution of test \\(\\d+ data races?\\):\n"
                                + "==================\nWARNING: DATA RACE\n.*")
                                && m.contains("\nLocation is field racecases.junit.JUnitPrograms.n of ")
                                && m.contains("  racecases.junit.JUnitPrograms.lambda$racy$0()\n")
                                && !m.contains("org.junit.")))));
    }

    @Test
    void passesTheTestThatDidNot() {
        EngineTestKit.engine("junit-jupiter").selectors(selectMethod(JUnitPrograms.class, "free")).execute()
                .testEvents().assertThatEvents().haveExactly(1, event(test("free"), finishedSuccessfully()));
    }
}
