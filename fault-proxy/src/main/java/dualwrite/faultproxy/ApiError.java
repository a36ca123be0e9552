package dualwrite.faultproxy;

/**
 * A control API failure with Toxiproxy's status and message; the messages are part of the contract,
 * because clients such as toxiproxy-java put them in their exceptions.
 */
final class ApiError extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiError badRequestBody(String detail) {
    return new ApiError(400, "bad request body: " + detail);
  }

  static ApiError missingField(String field) {
    return new ApiError(400, "missing required field: " + field);
  }

  static ApiError proxyNotFound() {
    return new ApiError(404, "proxy not found");
  }

  static ApiError proxyAlreadyExists() {
    return new ApiError(409, "proxy already exists");
  }

  static ApiError invalidStream() {
    return new ApiError(400, "stream was invalid, can be either upstream or downstream");
  }

  static ApiError invalidToxicType() {
    return new ApiError(400, "invalid toxic type");
  }

  static ApiError toxicAlreadyExists() {
    return new ApiError(409, "toxic already exists");
  }

  static ApiError toxicNotFound() {
    return new ApiError(404, "toxic not found");
  }

  /** Anything else, such as a listener that cannot bind, is a 500 with the error's own text. */
  static ApiError internal(String message) {
    return new ApiError(500, message);
  }
}
