import * as v from 'valibot';
import { isJsonObject } from '../../is-json-object.js';
import type { TolerancePolicy } from '../../tolerance/read-tolerantly.js';

// Tolerant reading (see README, "When a delivery differs from the documents"): these schemas say
// what TextLink documents, and stay the source of the types, the JSON Schemas and the docs. A body
// is read against its kind's schema as a whole first; only when that fails is each failing field
// classified by `textLinkTolerance` below: `phone_number` refuses the delivery, any other field is
// read where its meaning is unambiguous or becomes `null`, with a drift report either way. A
// `phone_number` that is empty or whitespace-only names nobody, so it refuses the delivery too.

// Each schema carries its entries type spelled out (isolatedDeclarations needs explicit types on
// exports); the field documentation lives on those entries types, so it reaches the inferred types.

type StringField = v.StringSchema<undefined>;
type BooleanField = v.BooleanSchema<undefined>;
type Optional<T extends v.GenericSchema> = v.OptionalSchema<T, undefined>;
type Nullable<T extends v.GenericSchema> = v.NullableSchema<T, undefined>;

/** A whole number of at least zero. */
type WholeNumberField = v.SchemaWithPipe<
  readonly [
    v.NumberSchema<undefined>,
    v.IntegerAction<number, undefined>,
    v.MinValueAction<number, 0, undefined>,
  ]
>;

/** A string made of digits only. */
type DigitStringField = v.SchemaWithPipe<
  readonly [v.StringSchema<undefined>, v.DigitsAction<string, undefined>]
>;

/** A whole number, or the same number written as a string of digits. */
type NumericField = v.UnionSchema<[WholeNumberField, DigitStringField], undefined>;

/** An id you chose yourself: a string, or a number. */
type CustomIdField = v.UnionSchema<
  [v.StringSchema<undefined>, v.NumberSchema<undefined>],
  undefined
>;

// TextLink's public consumers disagree on whether timestamps and ids are numbers or strings
// (some type them as strings, others as integers), so both spellings are accepted.
const numeric: NumericField = v.union([
  v.pipe(v.number(), v.integer(), v.minValue(0)),
  v.pipe(v.string(), v.digits()),
]);

const customId: CustomIdField = v.union([v.string(), v.number()]);

/** The fields of a received message webhook. */
/** The fields of the TextLink `ReceivedMessage` schema, each with its documentation. */
export type TextLinkReceivedMessageEntries = {
  /** The webhook secret you set in the TextLink dashboard, sent in every request once set. */
  readonly secret: Optional<StringField>;
  /** The sender's phone number with its country prefix, e.g. `+381690156360`. */
  readonly phone_number: StringField;
  /** The message text. */
  readonly text: StringField;
  /** When TextLink sent the webhook, in JavaScript epoch milliseconds (a number or a string of digits). */
  readonly timestamp: Optional<NumericField>;
  /** The contact's tag, e.g. `Cold`, when you have created a contact for that number. */
  readonly tag: Optional<Nullable<StringField>>;
  /** The contact's name, when you have created a contact for that number. */
  readonly name: Optional<Nullable<StringField>>;
  /** Whether the message was sent by you (listed on TextLink's older receive page). */
  readonly sent: Optional<BooleanField>;
  /** Whether the message was received by you (listed on TextLink's older receive page). */
  readonly received: Optional<BooleanField>;
};

/** The fields of a sent message (message dispatch) webhook. */
/** The fields of the TextLink `SentMessage` schema, each with its documentation. */
export type TextLinkSentMessageEntries = {
  /** The webhook secret you set in the TextLink dashboard, sent in every request once set. */
  readonly secret: Optional<StringField>;
  /** The recipient's phone number with its country prefix, e.g. `+381690156360`. */
  readonly phone_number: StringField;
  /** The message text. */
  readonly text: StringField;
  /** Whether the message was sent through the TextLink Chat app; only in sent messages. */
  readonly portal: Optional<BooleanField>;
  /** When the message was dispatched, in JavaScript epoch milliseconds (a number or a string of digits). */
  readonly timestamp: Optional<NumericField>;
  /** The id of the SIM card the message was dispatched to (a number or a string of digits). */
  readonly sim_card_id: Optional<NumericField>;
  /** Whether the message was sent by you (listed on TextLink's older receive page). */
  readonly sent: Optional<BooleanField>;
  /** Whether the message was received by you (listed on TextLink's older receive page). */
  readonly received: Optional<BooleanField>;
};

/** The fields of a failed message webhook. */
/** The fields of the TextLink `FailedMessage` schema, each with its documentation. */
export type TextLinkFailedMessageEntries = TextLinkSentMessageEntries & {
  /** The message's id in the TextLink database (a number or a string of digits). */
  readonly textlink_id: Optional<NumericField>;
  /** The custom id you gave the send SMS API call, if you gave one (a string, or a number). */
  readonly custom_id: Optional<Nullable<CustomIdField>>;
};

/** The fields of a contact tag change webhook. */
/** The fields of the TextLink `TagChange` schema, each with its documentation. */
export type TextLinkTagChangeEntries = {
  /** The webhook secret you set in the TextLink dashboard, sent in every request once set. */
  readonly secret: Optional<StringField>;
  /** The contact's name, when you have created a contact for that phone number. */
  readonly name: Optional<Nullable<StringField>>;
  /** The contact's phone number with its country prefix, e.g. `+381690156360`. */
  readonly phone_number: StringField;
  /** The name of the contact's new tag, e.g. `Warm`. */
  readonly tag: Nullable<StringField>;
  /** Your TextLink subuser id that received the webhook; absent when it went to the admin account. */
  readonly subuser_id: Optional<NumericField>;
  /** When TextLink sent the webhook, in JavaScript epoch milliseconds, if it says. */
  readonly timestamp: Optional<NumericField>;
};

const secret: Optional<StringField> = v.optional(v.string());
const contactText: Optional<Nullable<StringField>> = v.optional(v.nullable(v.string()));
const flag: Optional<BooleanField> = v.optional(v.boolean());

/** Validates TextLink's received message webhook; unknown fields are kept. */
export const TextLinkReceivedMessageSchema: v.LooseObjectSchema<
  TextLinkReceivedMessageEntries,
  undefined
> = v.looseObject({
  secret,
  phone_number: v.string(),
  text: v.string(),
  timestamp: v.optional(numeric),
  tag: contactText,
  name: contactText,
  sent: flag,
  received: flag,
});

const sentEntries: TextLinkSentMessageEntries = {
  secret,
  phone_number: v.string(),
  text: v.string(),
  portal: flag,
  timestamp: v.optional(numeric),
  sim_card_id: v.optional(numeric),
  sent: flag,
  received: flag,
};

/** Validates TextLink's sent message (message dispatch) webhook; unknown fields are kept. */
export const TextLinkSentMessageSchema: v.LooseObjectSchema<TextLinkSentMessageEntries, undefined> =
  v.looseObject(sentEntries);

/** Validates TextLink's failed message webhook; unknown fields are kept. */
export const TextLinkFailedMessageSchema: v.LooseObjectSchema<
  TextLinkFailedMessageEntries,
  undefined
> = v.looseObject(
  // Not a spread of sentEntries: a bundler keeps an unused spread (it may run getters), and with
  // it this schema in every bundle of the package's shared chunk, TextLink used or not.
  /* @__PURE__ */ Object.assign({}, sentEntries, {
    textlink_id: v.optional(numeric),
    custom_id: v.optional(v.nullable(customId)),
  }),
);

/** Validates TextLink's contact tag change webhook; unknown fields are kept. */
export const TextLinkTagChangeSchema: v.LooseObjectSchema<TextLinkTagChangeEntries, undefined> =
  v.looseObject({
    secret,
    name: contactText,
    phone_number: v.string(),
    tag: v.nullable(v.string()),
    subuser_id: v.optional(numeric),
    timestamp: v.optional(numeric),
  });

/** A received message webhook body, as TextLink sends it. */
export type TextLinkReceivedMessage = v.InferOutput<typeof TextLinkReceivedMessageSchema>;
/** A sent message (message dispatch) webhook body, as TextLink sends it. */
export type TextLinkSentMessage = v.InferOutput<typeof TextLinkSentMessageSchema>;
/** A failed message webhook body, as TextLink sends it. */
export type TextLinkFailedMessage = v.InferOutput<typeof TextLinkFailedMessageSchema>;
/** A contact tag change webhook body, as TextLink sends it. */
export type TextLinkTagChange = v.InferOutput<typeof TextLinkTagChangeSchema>;

/** TextLink's four webhooks, each configured with its own URL in the dashboard. */
export const textLinkKinds = ['received', 'sent', 'failed', 'tag_changed'] as const;

/** Which TextLink webhook a body belongs to: `'received' | 'sent' | 'failed' | 'tag_changed'`. */
export type TextLinkKind = (typeof textLinkKinds)[number];

/** The wire payload type of each TextLink webhook kind. */
export interface TextLinkPayloads {
  /** The received message webhook body. */
  readonly received: TextLinkReceivedMessage;
  /** The sent message webhook body. */
  readonly sent: TextLinkSentMessage;
  /** The failed message webhook body. */
  readonly failed: TextLinkFailedMessage;
  /** The contact tag change webhook body. */
  readonly tag_changed: TextLinkTagChange;
}

/** Any TextLink webhook body. */
export type TextLinkPayload = TextLinkPayloads[TextLinkKind];

/** The schema of each TextLink webhook kind. */
export const textLinkSchemas: {
  /** Validates the received message webhook. */
  readonly received: typeof TextLinkReceivedMessageSchema;
  /** Validates the sent message webhook. */
  readonly sent: typeof TextLinkSentMessageSchema;
  /** Validates the failed message webhook. */
  readonly failed: typeof TextLinkFailedMessageSchema;
  /** Validates the contact tag change webhook. */
  readonly tag_changed: typeof TextLinkTagChangeSchema;
} = {
  received: TextLinkReceivedMessageSchema,
  sent: TextLinkSentMessageSchema,
  failed: TextLinkFailedMessageSchema,
  tag_changed: TextLinkTagChangeSchema,
};

/** Whether a value is one of TextLink's webhook kinds. */
export function isTextLinkKind(value: unknown): value is TextLinkKind {
  return (textLinkKinds as readonly unknown[]).includes(value);
}

/**
 * Tells which TextLink webhook a body is, from its fields alone, for bodies that arrive without
 * the kind (TextLink's bodies do not name it; each webhook has its own URL instead).
 *
 * The rule, first match wins, where "has" means the field is present and not `undefined`:
 * 1. has `textlink_id` or `custom_id` → `'failed'`;
 * 2. has `portal` → `'sent'`;
 * 3. has `tag` and no `text` → `'tag_changed'`;
 * 4. anything else → `'received'` (also for a value that is not an object).
 *
 * A failed message whose body lacks both ids, or a sent message without `portal`, cannot be told
 * apart this way; give the kind explicitly when each webhook has its own route.
 *
 * @example
 * ```ts
 * inferTextLinkKind({ phone_number: '+381690156360', tag: 'Warm' }); // 'tag_changed'
 * inferTextLinkKind({ phone_number: '+381690156360', text: 'Hi', portal: true }); // 'sent'
 * ```
 */
export function inferTextLinkKind(body: unknown): TextLinkKind {
  if (!isJsonObject(body)) return 'received';
  const has = (key: string): boolean => Object.hasOwn(body, key) && body[key] !== undefined;
  if (has('textlink_id') || has('custom_id')) return 'failed';
  if (has('portal')) return 'sent';
  if (has('tag') && !has('text')) return 'tag_changed';
  return 'received';
}

/**
 * How TextLink bodies are read tolerantly, for each of the four kinds. Identifying: `phone_number`
 * (a message or contact is about that number). Every other field is descriptive; `timestamp` is
 * also read from an ISO 8601 string.
 */
export const textLinkTolerance: TolerancePolicy = {
  provider: 'textlink',
  identifying: ['phone_number'],
  epochFields: ['timestamp'],
};
