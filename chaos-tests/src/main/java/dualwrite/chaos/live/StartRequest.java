package dualwrite.chaos.live;

/** What {@code POST /api/session} takes. */
record StartRequest(String variant, String consumer, Integer rate) {}
