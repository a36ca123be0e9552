package dualwrite.chaos.report;

/** Of the catalogue's latest runs, how many held, broke a promise, proved nothing. */
record CatalogueHeadline(long held, long invalid, long vacuous) {

  boolean anyVacuous() {
    return vacuous > 0;
  }
}
