// Diadoc feed settings and the JSON shapes of GetNewEvents (V8) and GetLastEvent (V2), validated with zod.
// Response schemas are loose: unknown fields pass through, enums are plain strings (new values must not break us).
import { z } from 'zod';
import { API_ADDRESS, IDENTITY_ADDRESS, serviceUrlSchema } from '../../http/service-url.ts';
import { fieldMessage } from '../field-messages.ts';
import { t } from '../form-fields.ts';

export const DIADOC_DEFAULT_BASE_URL = 'https://diadoc-api.kontur.ru';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID_NO_DASHES = /^[0-9a-f]{32}$/i;

/** The legacy box id form is "<GUID>@diadoc.ru"; the form offers it too (`guidSuffix`), so the window accepts it. */
export const BOX_ID_SUFFIX = '@diadoc.ru';

/** A GUID with or without dashes, optionally with BOX_ID_SUFFIX (any case), as a lower-case dashed GUID. */
export function normalizeBoxId(input: string): string | null {
  const trimmed = input.trim();
  const bare = trimmed.toLowerCase().endsWith(BOX_ID_SUFFIX) ? trimmed.slice(0, -BOX_ID_SUFFIX.length) : trimmed;
  if (GUID.test(bare)) return bare.toLowerCase();
  if (GUID_NO_DASHES.test(bare)) {
    const h = bare.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return null;
}

const boxIdSchema = z.string().transform((value, ctx) => {
  const box = normalizeBoxId(value);
  if (box === null) {
    ctx.addIssue({ code: 'custom', message: BOX_ID_RULE });
    return z.NEVER;
  }
  return box;
});

const baseUrlSchema = serviceUrlSchema(API_ADDRESS, DIADOC_DEFAULT_BASE_URL);

const BOX_ID_RULE = fieldMessage(
  t(
    'нужен идентификатор ящика, например 1a2b3c4d-0000-4000-8000-123456789abc или 1a2b3c4d…@diadoc.ru',
    'must be a box GUID, e.g. 1a2b3c4d-0000-4000-8000-123456789abc or 1a2b3c4d…@diadoc.ru',
  ),
);
const DEPARTMENT_RULE = fieldMessage(
  t('нужен идентификатор подразделения вида 0f8fad5b-d9cb-469f-a165-70867728950e', 'must be a department GUID'),
);
const CLIENT_ID_RULE = fieldMessage(t('от 1 до 200 видимых латинских символов', 'must be 1-200 visible ASCII characters'));
const CLIENT_ID_CHARS = fieldMessage(t('без «,», «=» и кавычек', 'must not contain ",", "=" or quotes'));
const CLIENT_ID_FOR_OIDC = fieldMessage(
  t('нужен для входа через Контур (client_id из Кабинета интегратора)', 'is required when auth is "oidc" (the API client id)'),
);
const CLIENT_ID_FOR_DIADOCAUTH = fieldMessage(
  t('нужен для схемы DiadocAuth (ключ клиента API)', 'is required when auth is "diadocauth" (the API client id)'),
);

export const diadocSettingsSchema = z
  .strictObject({
    boxId: boxIdSchema,
    departmentId: z
      .string()
      .trim()
      .regex(GUID, DEPARTMENT_RULE)
      .transform((s) => s.toLowerCase())
      .optional(),
    baseUrl: baseUrlSchema.default(DIADOC_DEFAULT_BASE_URL),
    /** bearer: an access token as the secret; oidc: signed in to Kontur (device flow), tokens refreshed by Feedbell; diadocauth: legacy. */
    auth: z.enum(['bearer', 'oidc', 'diadocauth']).default('bearer'),
    /** Kontur's identity provider, for auth "oidc" (default https://identity.kontur.ru). */
    identityUrl: serviceUrlSchema(IDENTITY_ADDRESS, 'https://identity.kontur.ru').optional(),
    /** The client id from Kontur's integrator cabinet: DiadocAuth's api client id, and OIDC's client_id (not a secret). */
    clientId: z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]{1,200}$/, CLIENT_ID_RULE)
      .refine((s) => !/[,"=]/.test(s), CLIENT_ID_CHARS)
      .optional(),
    documentDirection: z
      .array(z.enum(['Inbound', 'Outbound', 'Internal']))
      .max(3)
      .default([]),
    messageType: z
      .array(z.enum(['Draft', 'Letter', 'Template']))
      .max(3)
      .default([]),
    limit: z.int().min(1).max(100).default(100),
    /** «Требует действия»: a document waiting for the signature counts as overdue after this many days (optional). */
    overdueAfterDays: z.int().min(1).max(365).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.auth === 'diadocauth' || s.auth === 'oidc') && !s.clientId) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientId'],
        message: s.auth === 'oidc' ? CLIENT_ID_FOR_OIDC : CLIENT_ID_FOR_DIADOCAUTH,
      });
    }
  });

export type DiadocSettings = z.output<typeof diadocSettingsSchema>;

/** An int64 as Diadoc sends it: a number, or (after lossless parsing) a decimal string. Kept as a string. */
const int64 = z.union([z.string().regex(/^-?\d{1,20}$/), z.int()]).transform((v) => String(v));

const documentInfoSchema = z.looseObject({
  TypeNamedId: z.string().optional(),
  Title: z.string().optional(),
  DocumentNumber: z.string().nullish(),
  DocumentDate: z.string().nullish(),
  DocumentDirection: z.string().optional(),
  CounteragentBoxId: z.string().nullish(),
  IsDeleted: z.boolean().optional(),
  IsTest: z.boolean().optional(),
});

const entitySchema = z.looseObject({
  EntityType: z.string().optional(),
  EntityId: z.string(),
  ParentEntityId: z.string().nullish(),
  AttachmentType: z.string().optional(),
  FileName: z.string().nullish(),
  NeedRecipientSignature: z.boolean().optional(),
  DocumentInfo: documentInfoSchema.nullish(),
});

const entityPatchSchema = z.looseObject({
  EntityId: z.string(),
  DocumentIsDeleted: z.boolean().optional(),
  MovedToDepartment: z.string().nullish(),
  DocumentIsRestored: z.boolean().optional(),
  ContentIsPatched: z.boolean().optional(),
  ForwardedToBoxId: z.string().nullish(),
});

const messageSchema = z.looseObject({
  MessageId: z.string(),
  TimestampTicks: int64,
  LastPatchTimestampTicks: int64.optional(),
  FromBoxId: z.string().nullish(),
  FromTitle: z.string().nullish(),
  ToBoxId: z.string().nullish(),
  ToTitle: z.string().nullish(),
  Entities: z.array(entitySchema).default([]),
  IsDraft: z.boolean().optional(),
  IsDeleted: z.boolean().optional(),
  IsTest: z.boolean().optional(),
  IsInternal: z.boolean().optional(),
  DraftIsRecycled: z.boolean().optional(),
  MessageType: z.string().optional(),
});

const patchSchema = z.looseObject({
  MessageId: z.string(),
  PatchId: z.string().nullish(),
  TimestampTicks: int64,
  Entities: z.array(entitySchema).default([]),
  EntityPatches: z.array(entityPatchSchema).default([]),
  ForDraft: z.boolean().optional(),
  DraftIsRecycled: z.boolean().optional(),
  DraftIsLocked: z.boolean().optional(),
  MessageIsDeleted: z.boolean().optional(),
  MessageIsRestored: z.boolean().optional(),
  MessageIsDelivered: z.boolean().optional(),
  MessageType: z.string().optional(),
});

export const boxEventSchema = z.looseObject({
  EventId: z.string().min(1),
  IndexKey: z.string().min(1).nullish(),
  Message: messageSchema.nullish(),
  Patch: patchSchema.nullish(),
});

/**
 * Whether an empty page has `"Events": []` or no `Events` at all is UNCONFIRMED (protobuf-style serializers omit empty
 * lists): both are read as an empty page. An object with other, unknown fields and no Events is not a page.
 */
export const boxEventListSchema = z.looseObject({
  Events: z.array(boxEventSchema).optional(),
  TotalCount: z.int().nullish(),
  TotalCountType: z.string().optional(),
});

export type DiadocEntity = z.output<typeof entitySchema>;
export type DiadocMessage = z.output<typeof messageSchema>;
export type DiadocPatch = z.output<typeof patchSchema>;
export type DiadocBoxEvent = z.output<typeof boxEventSchema>;
export type DiadocBoxEventList = z.output<typeof boxEventListSchema>;
