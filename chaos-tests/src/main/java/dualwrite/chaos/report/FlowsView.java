package dualwrite.chaos.report;

import java.util.List;

/**
 * The message flows drawn: every anomalous transaction's, up to a limit, and a few normal ones.
 *
 * @param more how many anomalous transactions are not drawn, in words; null when all are
 */
record FlowsView(List<FlowView> shown, String more) {

  boolean any() {
    return !shown.isEmpty();
  }
}
