import { describe, expectTypeOf, it } from 'vitest';
import type {
  TextRequestAccount,
  TextRequestClaimedBy,
  TextRequestContactCreated,
  TextRequestContactUpdated,
  TextRequestConversation,
  TextRequestLocation,
  TextRequestMessage,
  TextRequestMessageSchema,
  TextRequestMessageStatus,
  TextRequestMmsAttachment,
  TextRequestPayment,
  TextRequestPhoneNumber,
  TextRequestWebhook,
} from './schema.js';

describe('Text Request wire types', () => {
  it('types the message direction as S or R', () => {
    expectTypeOf<TextRequestConversation['messageDirection']>().toEqualTypeOf<'S' | 'R'>();
  });

  it('types ids as numbers and phone numbers as strings', () => {
    expectTypeOf<TextRequestAccount['id']>().toEqualTypeOf<number>();
    expectTypeOf<TextRequestPhoneNumber['id']>().toEqualTypeOf<number>();
    expectTypeOf<TextRequestConversation['id']>().toEqualTypeOf<number>();
    expectTypeOf<TextRequestContactCreated['ContactId']>().toEqualTypeOf<number>();
    expectTypeOf<TextRequestPhoneNumber['phoneNumber']>().toEqualTypeOf<string>();
    expectTypeOf<TextRequestContactCreated['LocationPhoneNumber']>().toEqualTypeOf<string>();
  });

  it('types documented nulls as nullable and later fields as optional', () => {
    expectTypeOf<TextRequestPhoneNumber['externalPhoneId']>().toEqualTypeOf<string | null>();
    expectTypeOf<TextRequestConversation['consumerFriendlyName']>().toEqualTypeOf<string | null>();
    expectTypeOf<TextRequestContactCreated['ContactFriendlyName']>().toEqualTypeOf<string | null>();
    expectTypeOf<TextRequestAccount['externalAccountId']>().toEqualTypeOf<
      string | null | undefined
    >();
    expectTypeOf<TextRequestMessage['messageUniqueIdentifier']>().toEqualTypeOf<
      string | null | undefined
    >();
    expectTypeOf<TextRequestConversation['numSegments']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TextRequestConversation['mmsAttachments']>().toEqualTypeOf<
      TextRequestMmsAttachment[] | null | undefined
    >();
    expectTypeOf<TextRequestMmsAttachment['url']>().toEqualTypeOf<string>();
  });

  it('types claimedBy as any JSON scalar or object it may be', () => {
    expectTypeOf<
      string | number | null | { id: number; name: string }
    >().toExtend<TextRequestClaimedBy>();
    expectTypeOf<boolean>().not.toExtend<TextRequestClaimedBy>();
    expectTypeOf<undefined>().not.toExtend<TextRequestClaimedBy>();
    expectTypeOf<TextRequestClaimedBy>().not.toBeAny();
  });

  it('keeps unknown fields reachable as unknown', () => {
    expectTypeOf<TextRequestMessage['webhookVersion']>().toEqualTypeOf<unknown>();
    expectTypeOf<TextRequestConversation>().toHaveProperty('message').toEqualTypeOf<string>();
  });

  it('unions every body', () => {
    expectTypeOf<TextRequestWebhook>().toEqualTypeOf<
      | TextRequestMessage
      | TextRequestContactCreated
      | TextRequestContactUpdated
      | TextRequestMessageStatus
      | TextRequestLocation
      | TextRequestPayment
    >();
  });

  it('types the v3 bodies from the document, widening where its own example disagrees', () => {
    expectTypeOf<TextRequestMessageStatus['message_id']>().toEqualTypeOf<string>();
    expectTypeOf<TextRequestMessageStatus['error_code']>().toEqualTypeOf<
      string | null | undefined
    >();
    expectTypeOf<TextRequestContactUpdated['first_contact_utc']>().toEqualTypeOf<
      string | boolean | null | undefined
    >();
    expectTypeOf<TextRequestContactUpdated['groups']>().toEqualTypeOf<
      (number | string)[] | null | undefined
    >();
    expectTypeOf<TextRequestLocation['Latitude']>().toEqualTypeOf<number>();
    expectTypeOf<TextRequestPayment['payment_id']>().toEqualTypeOf<number | string>();
  });

  it('is a Standard Schema whose output is the message type', () => {
    type Types = NonNullable<(typeof TextRequestMessageSchema)['~standard']['types']>;
    expectTypeOf<Types['output']>().toEqualTypeOf<TextRequestMessage>();
  });
});
