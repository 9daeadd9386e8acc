/**
 * How one webhook kind is read tolerantly. Paths are written as in issues, array indices as `[*]`
 * (`Notifications[*].TexterNumber`).
 */
export interface TolerancePolicy {
  /** The provider whose documents the schema follows. */
  readonly provider: string;
  /**
   * The identifying fields: what the event cannot be correct without. A missing or unusable value
   * of one of them (of another type, or an empty or whitespace-only string), or of an object that
   * holds one, refuses the delivery.
   */
  readonly identifying: readonly string[];
  /**
   * Fields that say which kind of object their parent is (Telmetrics' `Action`): an unusable one
   * does not refuse the delivery but makes that object an `unknown` event.
   */
  readonly discriminators?: readonly string[] | undefined;
  /** Fields documented as epoch milliseconds, which an ISO 8601 string is read into. */
  readonly epochFields?: readonly string[] | undefined;
  /** Object schemas whose other fields are not documented, so none of them is an unknown field. */
  readonly openSchemas?: readonly object[] | undefined;
}
