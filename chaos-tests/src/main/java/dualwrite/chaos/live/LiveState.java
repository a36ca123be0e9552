package dualwrite.chaos.live;

import java.util.List;

/**
 * The session as the page shows it.
 *
 * @param status none, starting, running, checking, checked or failed
 */
public record LiveState(
    String status,
    String variant,
    String consumer,
    String runId,
    int rate,
    List<ActionTaken> actions,
    List<FaultBands.Band> bands,
    List<String> armed,
    CheckedView verdict,
    String error) {}
