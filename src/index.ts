/**
 * Parse any supported provider's webhook body into checked, normalized {@link SmsEvent}s.
 *
 * @module sms-webhooks
 */
export { MAX_BODY_DEPTH } from './decode-body.js';
export {
  isSmsWebhookError,
  SmsWebhookError,
  type SmsWebhookErrorCode,
  type SmsWebhookErrorOptions,
  type SmsWebhookIssue,
} from './errors/SmsWebhookError.js';
export type {
  SmsAttribution,
  SmsContact,
  SmsContactCreatedEvent,
  SmsContactTagChangedEvent,
  SmsContactUpdatedEvent,
  SmsConversationStartedEvent,
  SmsCustomField,
  SmsDeliveryFields,
  SmsDeliveryStatus,
  SmsEvent,
  SmsEventBase,
  SmsEventOf,
  SmsEventType,
  SmsFailedDeliveryStatus,
  SmsIntent,
  SmsLocationReceivedEvent,
  SmsMedia,
  SmsMessageFailedEvent,
  SmsMessageFields,
  SmsMessageReceivedEvent,
  SmsMessageSentEvent,
  SmsMessageStatusEvent,
  SmsPaymentStatus,
  SmsPaymentUpdatedEvent,
  SmsPendingOrDeliveredStatus,
  SmsPostalAddress,
  SmsRawForms,
  SmsSessionTag,
  SmsUnknownEvent,
  WithoutSecret,
} from './events.js';
export { isFingerprintKey } from './normalize/fingerprint.js';
export {
  detectIntent,
  type SmsIntentKeywordList,
  type SmsIntentKeywords,
} from './normalize/intent.js';
export { isValidE164, type SmsPhoneNumberParser, toE164 } from './normalize/phone-number.js';
export { EPOCH_SECONDS_LIMIT, toIsoTimestamp } from './normalize/timestamp.js';
export {
  detectProvider,
  type ParseSmsWebhookOptions,
  parseSmsWebhook,
  type SafeParseSmsWebhookResult,
  safeParseSmsWebhook,
} from './parse.js';
export {
  getProvider,
  type ProviderId,
  type ProviderOf,
  providers,
  type RegisteredProvider,
  type WebhookKind,
} from './providers/index.js';
export type {
  ProviderDefinition,
  ProviderEvent,
  ProviderParseOptions,
  ProviderVerifyOptions,
  SmsWebhookHeaders,
  SmsWebhookRequest,
} from './providers/types.js';
export {
  createSmsEventRouter,
  type SmsEventHandlers,
  type SmsEventOfType,
  type SmsEventRouter,
  type SmsEventRoutes,
} from './routing/create-event-router.js';
export type { IdempotencyClaim, IdempotencyStore } from './stores/types.js';
export type {
  SmsDriftKind,
  SmsDriftListener,
  SmsDriftReport,
  SmsJsonType,
} from './tolerance/drift.js';
export type { SmsParseOptions, SmsReadOptions } from './tolerance/options.js';
export type {
  SmsParsed,
  SmsTolerated,
  SmsToleratedValue,
  TolerancePolicy,
} from './tolerance/read-tolerantly.js';
export { timingSafeEqual } from './verify/timing-safe-equal.js';
export {
  type SmsVerificationFailureReason,
  type SmsVerificationResult,
  smsVerificationFailureMessages,
  smsVerificationFailureReasons,
} from './verify/verification-result.js';
export { verifySecret } from './verify/verify-secret.js';
