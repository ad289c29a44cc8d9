package dev.serverlesscontainers.devmode.lambda;

/**
 * Why an invocation produced no response.
 *
 * @param type Lambda's error type ({@code Runtime.ExitError}, {@code Sandbox.Timedout}, or the
 *     handler's own, as its runtime reported it)
 * @param message what happened, for the terminal and the reason header
 */
public record FunctionError(Kind kind, String type, String message) {

    public enum Kind {
        /** The runtime posted to {@code /error}: the handler threw or returned an error. */
        HANDLER,
        /** The invocation ran past the function's timeout; its instance was stopped. */
        TIMEOUT,
        /** The instance exited during the invocation, or failed its initialisation. */
        RUNTIME_EXIT,
        /** The response payload was over Lambda's limit. */
        RESPONSE_TOO_LARGE
    }
}
