package dev.jwtauth.support;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Says, before the first integration test runs, which PostgreSQL server and which browser this run uses, or why it
 * has none: a reader of the output knows at once whether the PostgreSQL and page tests ran against what they expect.
 * Registered with the JUnit Platform (META-INF/services); silent in the unit-test run, which needs neither.
 */
public final class TestEnvironmentReport implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (System.getProperty("app.war") == null) {
            return;
        }
        System.out.println("[test set-up] server under test: " + System.getProperty("arquillian.launch", "liberty"));
        try {
            System.out.println("[test set-up] PostgreSQL tests: " + TestPostgres.server().description());
        } catch (IllegalStateException e) {
            System.out.println("[test set-up] PostgreSQL tests will fail: " + e.getMessage());
        }
        TestBrowser.find().ifPresentOrElse(
                browser -> System.out.println("[test set-up] page tests: " + browser.description()),
                () -> System.out.println("[test set-up] page tests " + (TestBrowser.required() ? "will fail" : "skipped")
                        + ": " + TestBrowser.whyNone()));
    }
}
