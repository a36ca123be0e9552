package dualwrite.chaos.report;

import java.util.List;

/**
 * A cell of the matrix, in its three views: the verdict, the availability, the delay after healing.
 *
 * @param href null for a pair that never ran
 * @param availability {@code 50%}
 * @param customers {@code refused 2 of 4}
 * @param availabilityTone see {@link TradeOff#availabilityTone()}
 * @param delay {@code 2.90 s}, or a dash
 * @param delayNote {@code lost 2}, or null
 * @param delayTone see {@link TradeOff#delayTone()}
 */
record CellView(
    String tone,
    String word,
    List<String> counts,
    String runsNote,
    String href,
    String title,
    String availability,
    String customers,
    String availabilityTone,
    String delay,
    String delayNote,
    String delayTone) {}
