package dualwrite.chaos.live;

/**
 * @param t seconds since the session started
 * @param step what the person did, as the scenario describes it
 * @param error why it failed, or null
 */
record ActionTaken(double t, String step, String error) {}
