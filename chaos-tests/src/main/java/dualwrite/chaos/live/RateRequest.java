package dualwrite.chaos.live;

/** What {@code POST /api/session/rate} takes. */
record RateRequest(Integer rate) {}
