import * as v from 'valibot';

/**
 * A web hook as the hooks endpoints return it (the v3 API's `webhook`). The spec spells the verb
 * `httpVerb` here and `http_verb` in the request; both spellings are accepted.
 */
export const TextRequestApiHookSchema: v.LooseObjectSchema<
  {
    /** The webhook identifier, needed to remove the web hook. */
    readonly id: v.NumberSchema<undefined>;
    /** The url that will be called when the web hook is triggered. */
    readonly target_url: v.StringSchema<undefined>;
    /** The event type that you registered for, e.g. `msg_sent`. */
    readonly event: v.StringSchema<undefined>;
    /** The dashboard id for the Text Request dashboard that this web hook applies to. */
    readonly dashboard_id: v.OptionalSchema<
      v.NullableSchema<v.NumberSchema<undefined>, undefined>,
      undefined
    >;
    /** The HTTP verb that will be used when the webhook is triggered (PUT, POST or DELETE), as the spec's response spells it. */
    readonly httpVerb: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** The HTTP verb that will be used when the webhook is triggered, as the spec's request spells it. */
    readonly http_verb: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** If the hook was defined from the Text Request web portal; false if it was defined via the API. */
    readonly is_user_defined: v.OptionalSchema<
      v.NullableSchema<v.BooleanSchema<undefined>, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  id: v.number(),
  target_url: v.string(),
  event: v.string(),
  dashboard_id: v.optional(v.nullable(v.number())),
  httpVerb: v.optional(v.nullable(v.string())),
  http_verb: v.optional(v.nullable(v.string())),
  is_user_defined: v.optional(v.nullable(v.boolean())),
});

/** The `meta` of a returned collection: which page this is, its size, and how many items there are. */
export const TextRequestApiPaginationSchema: v.LooseObjectSchema<
  {
    /** The current page of this get request, from 0. */
    readonly page: v.NumberSchema<undefined>;
    /** The current page-size of this get request. */
    readonly page_size: v.NumberSchema<undefined>;
    /** The total number of queryable items. */
    readonly total_items: v.NumberSchema<undefined>;
  },
  undefined
> = v.looseObject({
  page: v.number(),
  page_size: v.number(),
  total_items: v.number(),
});

/**
 * One page of a dashboard's hooks. The spec types this response as a single `webhook`, but its
 * pagination rules say every collection comes as `{ items, meta }`; that is what is read.
 */
export const TextRequestApiHookCollectionSchema: v.LooseObjectSchema<
  {
    /** The web hooks of this page. */
    readonly items: v.ArraySchema<typeof TextRequestApiHookSchema, undefined>;
    /** The returned page, page size and total number of hooks. */
    readonly meta: typeof TextRequestApiPaginationSchema;
  },
  undefined
> = v.looseObject({
  items: v.array(TextRequestApiHookSchema),
  meta: TextRequestApiPaginationSchema,
});

/**
 * The answer of `GET /eventTypes`: an array of event type names as the spec types it, or a
 * collection `{ items }` as its pagination rules describe every collection.
 */
export const TextRequestApiEventTypesSchema: v.UnionSchema<
  readonly [
    v.ArraySchema<v.StringSchema<undefined>, undefined>,
    v.LooseObjectSchema<
      {
        /** The available web hook types. */
        readonly items: v.ArraySchema<v.StringSchema<undefined>, undefined>;
      },
      undefined
    >,
  ],
  undefined
> = v.union([v.array(v.string()), v.looseObject({ items: v.array(v.string()) })]);

/** An error code as error bodies carry it: a string, a number, `null` or absent. */
export const TextRequestApiErrorCodeSchema: v.OptionalSchema<
  v.NullableSchema<
    v.UnionSchema<readonly [v.StringSchema<undefined>, v.NumberSchema<undefined>], undefined>,
    undefined
  >,
  undefined
> = v.optional(v.nullable(v.union([v.string(), v.number()])));

/**
 * The body of an error answer. The spec's prose shows `{ status, errorCode, message }` while its
 * `error` schema names `error_message` and `error_code`; both spellings are read.
 */
export const TextRequestApiErrorBodySchema: v.LooseObjectSchema<
  {
    /** A human readable error, returned when the request was invalid; may be blank for obvious errors. */
    readonly message: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** A human readable description of the reason for the error, as the `error` schema names it. */
    readonly error_message: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** An error code that can be referenced when troubleshooting, as the prose example spells it. */
    readonly errorCode: typeof TextRequestApiErrorCodeSchema;
    /** An error code that can be referenced when troubleshooting, e.g. `SMS10023`. */
    readonly error_code: typeof TextRequestApiErrorCodeSchema;
  },
  undefined
> = v.looseObject({
  message: v.optional(v.nullable(v.string())),
  error_message: v.optional(v.nullable(v.string())),
  errorCode: TextRequestApiErrorCodeSchema,
  error_code: TextRequestApiErrorCodeSchema,
});

/** A web hook as the API returns it. */
export type TextRequestApiHook = v.InferOutput<typeof TextRequestApiHookSchema>;
