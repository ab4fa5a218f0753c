package org.knowledgebot.core.admin;

/** A request the routes refuse, with the status and a message that says how to fix it. Nothing was saved. */
public final class ApiProblem extends RuntimeException {
    private final int status;

    public ApiProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiProblem badRequest(String message) {
        return new ApiProblem(400, message);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(404, message);
    }

    public int status() {
        return status;
    }

    public ApiResponse response() {
        return ApiResponse.message(status, getMessage());
    }
}
