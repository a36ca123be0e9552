package dualwrite.chaos.report;

/**
 * The two figures of the trade-off, each with what it is made of.
 *
 * @param availability {@code 50%}, or a dash
 * @param customers {@code refused 2 of 4: 2 failed, 0 unknown, 0 never answered}
 * @param delay {@code 2.90 s}, or a dash
 * @param fraudService what the delay counts, or why there is none
 */
record RunTradeOffView(
    String availability,
    String availabilityTone,
    String customers,
    String delay,
    String delayTone,
    String fraudService) {}
