package dualwrite.eventsourced;

/**
 * Another writer appended the version this one meant to append: the account moved on since it was
 * read. Nothing of this attempt was written; read the account again and retry.
 */
public class VersionConflict extends Exception {

  public VersionConflict(String accountId, long version) {
    super("version " + version + " of " + accountId + " was appended by another writer");
  }
}
