package dev.jwtauth.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class that drives a browser where none can be had, with the reason in the report and one line in the
 * output; where the run requires a browser ({@link TestBrowser#required()}, as CI does) the class runs and fails on
 * the missing browser instead of being skipped.
 */
public final class RequiresBrowser implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (TestBrowser.find().isPresent() || TestBrowser.required()) {
            return ConditionEvaluationResult.enabled("a browser is there, or required");
        }
        String reason = TestBrowser.whyNone();
        if (context.getTestMethod().isEmpty()) {
            System.out.println(context.getDisplayName() + " skipped: " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
