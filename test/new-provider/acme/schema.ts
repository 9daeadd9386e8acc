import * as v from 'valibot';

/** The fields of an Acme inbound message webhook. */
export type AcmeInboundEntries = {
  /** What happened, always `message.inbound`. */
  readonly event: v.LiteralSchema<'message.inbound', undefined>;
  /** Acme's id of the message. */
  readonly id: v.StringSchema<undefined>;
  /** The sender's number, E.164. */
  readonly from: v.StringSchema<undefined>;
  /** Your number that received it, E.164. */
  readonly to: v.StringSchema<undefined>;
  /** The message text. */
  readonly text: v.StringSchema<undefined>;
  /** When Acme received it, ISO 8601. */
  readonly received_at: v.StringSchema<undefined>;
};

/** An Acme inbound message webhook. */
export const AcmeInboundSchema: v.LooseObjectSchema<AcmeInboundEntries, undefined> = v.looseObject({
  event: v.literal('message.inbound'),
  id: v.string(),
  from: v.string(),
  to: v.string(),
  text: v.string(),
  received_at: v.string(),
});

/** An Acme inbound message webhook, validated. */
export type AcmeInbound = v.InferOutput<typeof AcmeInboundSchema>;
