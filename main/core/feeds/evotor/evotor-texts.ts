// Human titles and summaries, in Russian and English, for Evotor app events; unknown types and values read generically.
import type { LocalizedText } from '../../model.ts';
import type { EventFact } from '../../../../preload/contract.ts';
import { fact, idsOnly, wordsFact } from '../event-facts.ts';

type Text = LocalizedText;
type Gender = 'm' | 'f' | 'n';

export interface EvotorTexts {
  title: Text;
  summary: Text;
}

const ACTION_FORMS: Record<string, { ru: Record<Gender, string>; en: string }> = {
  created: { ru: { m: 'создан', f: 'создана', n: 'создано' }, en: 'created' },
  updated: { ru: { m: 'изменён', f: 'изменена', n: 'изменено' }, en: 'updated' },
  deleted: { ru: { m: 'удалён', f: 'удалена', n: 'удалено' }, en: 'deleted' },
  removed: { ru: { m: 'удалён', f: 'удалена', n: 'удалено' }, en: 'removed' },
};

function action(raw: string | null | undefined, gender: Gender): Text {
  const key = (raw ?? '').toLowerCase();
  const form = ACTION_FORMS[key];
  if (form) return { ru: form.ru[gender], en: form.en };
  return raw ? { ru: `действие «${raw}»`, en: `action "${raw}"` } : { ru: 'событие', en: 'event' };
}

/** Evotor document types (evotor.ru document model); others are shown by their code. */
const DOCUMENT_TEXT: Record<string, Text> = {
  SELL: { ru: 'продажа', en: 'sale' },
  PAYBACK: { ru: 'возврат', en: 'refund' },
  BUY: { ru: 'покупка', en: 'purchase' },
  BUYBACK: { ru: 'возврат покупки', en: 'purchase return' },
  OPEN_SESSION: { ru: 'открытие смены', en: 'shift opened' },
  CLOSE_SESSION: { ru: 'закрытие смены', en: 'shift closed' },
  ACCEPT: { ru: 'приёмка товара', en: 'goods received' },
  INVENTORY: { ru: 'инвентаризация', en: 'stocktaking' },
  REVALUATION: { ru: 'переоценка', en: 'revaluation' },
  RETURN: { ru: 'возврат поставщику', en: 'return to supplier' },
  WRITE_OFF: { ru: 'списание', en: 'write-off' },
  CASH_INCOME: { ru: 'внесение наличных', en: 'cash deposit' },
  CASH_OUTCOME: { ru: 'выплата наличных', en: 'cash withdrawal' },
  X_REPORT: { ru: 'X-отчёт', en: 'X report' },
  Z_REPORT: { ru: 'Z-отчёт', en: 'Z report' },
  CORRECTION: { ru: 'чек коррекции', en: 'correction receipt' },
};

/** The billing webhook's event types, which `marketplace.purchase` payloads are assumed to carry (UNCONFIRMED). */
const PURCHASE_TEXT: Record<string, Text> = {
  SubscriptionCreated: { ru: 'оформлена подписка', en: 'subscription created' },
  SubscriptionActivated: { ru: 'подписка активирована', en: 'subscription activated' },
  SubscriptionRenewed: { ru: 'подписка продлена', en: 'subscription renewed' },
  SubscriptionTermsChanged: { ru: 'изменены условия подписки', en: 'subscription terms changed' },
  SubscriptionTerminationRequested: { ru: 'запрошено прекращение подписки', en: 'subscription cancellation requested' },
  SubscriptionTerminated: { ru: 'подписка прекращена', en: 'subscription terminated' },
  AddonsUpdated: { ru: 'изменены дополнения', en: 'add-ons updated' },
  ApplicationInstalled: { ru: 'приложение установлено', en: 'app installed' },
  ApplicationUninstalled: { ru: 'приложение удалено', en: 'app uninstalled' },
};

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
}

/** A short printable value, or null for absent, empty and non-scalar values. */
function str(value: unknown): string | null {
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? null : text.length > 120 ? `${text.slice(0, 119)}…` : text;
  }
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

function first(f: Fields, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = str(f[key]);
    if (value !== null) return value;
  }
  return null;
}

/** A value a person can read, or null for an id (a GUID, a long run of hex digits): ids go to the detail. */
function words(value: string | null): string | null {
  return value !== null && idsOnly(value) ? null : value;
}

function join(parts: (string | null)[]): string {
  return parts.filter((part): part is string => part !== null && part !== '').join(' · ');
}

function both(ru: (string | null)[], en: (string | null)[], fallback: Text): Text {
  const r = join(ru);
  const e = join(en);
  return { ru: r || fallback.ru, en: e || fallback.en };
}

const rub = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' });

function money(value: unknown): string | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? rub.format(n) : null;
}

/** Normalized type: "MarketplacePurchase", "marketplace_purchase" and "marketplace.purchase" are one type. */
export function typeKey(type: string): string {
  return type.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const FALLBACK_SUMMARY: Text = { ru: 'Подробности в данных события', en: 'Details are in the event data' };

/** Title and summary of one event; never throws, whatever the payload holds. */
export function describeEvotorEvent(type: string, rawAction: string | null | undefined, payload: unknown): EvotorTexts {
  const p = fields(payload);
  const name = first(p, 'name', 'title');
  switch (typeKey(type)) {
    case 'document': {
      const code = str(p['type']);
      const kind =
        (code && DOCUMENT_TEXT[code.toUpperCase()]) ||
        (code ? { ru: `документ ${code}`, en: `document ${code}` } : { ru: 'документ', en: 'document' });
      const number = first(p, 'number');
      const no = number ? { ru: ` № ${number}`, en: ` No. ${number}` } : { ru: '', en: '' };
      const session = first(p, 'session_number');
      const sum = money(p['sum'] ?? p['total'] ?? p['result_sum']);
      const store = first(p, 'store_name') ?? words(first(p, 'store_id'));
      return {
        title: { ru: `Документ на кассе: ${kind.ru}${no.ru}`, en: `Till document: ${kind.en}${no.en}` },
        summary: both(
          [store ? `магазин ${store}` : null, session ? `смена ${session}` : null, sum],
          [store ? `store ${store}` : null, session ? `shift ${session}` : null, sum],
          FALLBACK_SUMMARY,
        ),
      };
    }
    case 'marketplacepurchase': {
      const code = str(p['type']) ?? str(p['event_type']) ?? str(p['eventType']);
      const what =
        (code && PURCHASE_TEXT[code]) ||
        (code ? { ru: `событие «${code}»`, en: `event "${code}"` } : { ru: 'изменение', en: 'change' });
      const plan = first(p, 'planId', 'plan_id');
      const devices = first(p, 'deviceNumber', 'device_number');
      const user = words(first(p, 'userId', 'user_id'));
      return {
        title: { ru: `Покупка приложения: ${what.ru}`, en: `App purchase: ${what.en}` },
        summary: both(
          [plan ? `тариф «${plan}»` : null, devices ? `касс: ${devices}` : null, user ? `пользователь ${user}` : null],
          [plan ? `plan "${plan}"` : null, devices ? `terminals: ${devices}` : null, user ? `user ${user}` : null],
          FALLBACK_SUMMARY,
        ),
      };
    }
    case 'store': {
      const a = action(rawAction, 'm');
      const address = first(p, 'address');
      return {
        title: { ru: `Магазин ${a.ru}${name ? `: ${name}` : ''}`, en: `Store ${a.en}${name ? `: ${name}` : ''}` },
        summary: both([address], [address], FALLBACK_SUMMARY),
      };
    }
    case 'employee': {
      const a = action(rawAction, 'm');
      const full =
        join([first(p, 'last_name', 'lastName'), name, first(p, 'patronymic_name', 'patronymicName')]).replaceAll(' · ', ' ') ||
        null;
      const role = first(p, 'role');
      const phone = first(p, 'phone');
      return {
        title: { ru: `Сотрудник ${a.ru}${full ? `: ${full}` : ''}`, en: `Employee ${a.en}${full ? `: ${full}` : ''}` },
        summary: both([role ? `роль ${role}` : null, phone], [role ? `role ${role}` : null, phone], FALLBACK_SUMMARY),
      };
    }
    case 'device': {
      const a = action(rawAction, 'n');
      const serial = words(first(p, 'serial_number', 'imei', 'id'));
      const store = first(p, 'store_name') ?? words(first(p, 'store_id'));
      return {
        title: { ru: `Устройство ${a.ru}${name ? `: ${name}` : ''}`, en: `Device ${a.en}${name ? `: ${name}` : ''}` },
        summary: both(
          [serial ? `№ ${serial}` : null, store ? `магазин ${store}` : null],
          [serial ? `No. ${serial}` : null, store ? `store ${store}` : null],
          FALLBACK_SUMMARY,
        ),
      };
    }
    case 'product': {
      const a = action(rawAction, 'm');
      const price = money(p['price']);
      const code = first(p, 'code', 'article_number');
      return {
        title: { ru: `Товар ${a.ru}${name ? `: ${name}` : ''}`, en: `Product ${a.en}${name ? `: ${name}` : ''}` },
        summary: both([price, code ? `код ${code}` : null], [price, code ? `code ${code}` : null], FALLBACK_SUMMARY),
      };
    }
    case 'productgroup': {
      const a = action(rawAction, 'f');
      return {
        title: { ru: `Группа товаров ${a.ru}${name ? `: ${name}` : ''}`, en: `Product group ${a.en}${name ? `: ${name}` : ''}` },
        summary: (() => {
          const store = first(p, 'store_name') ?? words(first(p, 'store_id'));
          return both([store ? `магазин ${store}` : null], [store ? `store ${store}` : null], FALLBACK_SUMMARY);
        })(),
      };
    }
    case 'hook': {
      const a = action(rawAction, 'f');
      const events = Array.isArray(p['events']) ? p['events'].map(str).filter((e): e is string => e !== null) : [];
      const active = p['active'];
      const state = active === true ? { ru: 'включены', en: 'on' } : active === false ? { ru: 'выключены', en: 'off' } : null;
      return {
        title: { ru: `Настройка событий приложения ${a.ru}`, en: `App event settings ${a.en}` },
        summary: both(
          [state ? `события ${state.ru}` : null, events.length ? `типы: ${events.join(', ')}` : null],
          [state ? `events ${state.en}` : null, events.length ? `types: ${events.join(', ')}` : null],
          FALLBACK_SUMMARY,
        ),
      };
    }
    case 'system': {
      const a = str(rawAction) ?? '—';
      return {
        title: { ru: `Системное событие Эвотор: ${a}`, en: `Evotor system event: ${a}` },
        summary: FALLBACK_SUMMARY,
      };
    }
    default: {
      const t = str(type) ?? '—';
      const a = str(rawAction);
      const keys = Object.keys(p).slice(0, 5).join(', ');
      return {
        // A type this version does not know: its code is the service's word (quoted); the action and the payload's
        // field names stay out of the Russian text (they are in the detail, under «Подробнее»).
        title: { ru: `Событие Эвотор «${t}»`, en: `Evotor event "${t}"${a ? ` (${a})` : ''}` },
        summary: {
          ru: name ?? FALLBACK_SUMMARY.ru,
          en: keys ? `${name ? `${name} · ` : ''}fields: ${keys}` : FALLBACK_SUMMARY.en,
        },
      };
    }
  }
}

/** The types the normalizer stores, in words (the type filter), by `typeKey`. */
const TYPE_NAMES_BY_KEY: Record<string, LocalizedText> = {
  document: { ru: 'Документ на кассе', en: 'Till document' },
  marketplacepurchase: { ru: 'Покупка приложения', en: 'App purchase' },
  store: { ru: 'Магазин', en: 'Store' },
  employee: { ru: 'Сотрудник', en: 'Employee' },
  device: { ru: 'Устройство', en: 'Device' },
  product: { ru: 'Товар', en: 'Product' },
  productgroup: { ru: 'Группа товаров', en: 'Product group' },
  hook: { ru: 'Настройка событий приложения', en: 'App event settings' },
  system: { ru: 'Системное событие', en: 'System event' },
  unknown: { ru: 'Другое событие', en: 'Other event' },
};

/** The stored spellings of the known types, in words. */
export const EVOTOR_TYPE_NAMES: Record<string, LocalizedText> = {
  document: TYPE_NAMES_BY_KEY['document']!,
  'marketplace.purchase': TYPE_NAMES_BY_KEY['marketplacepurchase']!,
  store: TYPE_NAMES_BY_KEY['store']!,
  employee: TYPE_NAMES_BY_KEY['employee']!,
  device: TYPE_NAMES_BY_KEY['device']!,
  product: TYPE_NAMES_BY_KEY['product']!,
  'product-group': TYPE_NAMES_BY_KEY['productgroup']!,
  hook: TYPE_NAMES_BY_KEY['hook']!,
  system: TYPE_NAMES_BY_KEY['system']!,
  unknown: TYPE_NAMES_BY_KEY['unknown']!,
};

/** A type in words whatever its spelling ("Document", "DOCUMENT"); null for one Feedbell does not know. */
export function evotorTypeName(type: string): LocalizedText | null {
  return TYPE_NAMES_BY_KEY[typeKey(type)] ?? null;
}

/** What the detail pane leads with for an Evotor event (the raw event: {id, timestamp, type, action, payload}). */
export function evotorFacts(event: { type: string; payload: unknown }): EventFact[] {
  const raw = fields(event.payload);
  const p = fields(raw['payload']);
  const store = first(p, 'store_name') ?? words(first(p, 'store_id'));
  const texts = describeEvotorEvent(
    typeof raw['type'] === 'string' ? raw['type'] : event.type,
    typeof raw['action'] === 'string' ? raw['action'] : null,
    p,
  );
  const name = first(p, 'name', 'title');
  switch (typeKey(event.type)) {
    case 'document': {
      const code = str(p['type']);
      const kind = code ? DOCUMENT_TEXT[code.toUpperCase()] : undefined;
      const number = first(p, 'number');
      return [
        ...wordsFact(
          'Документ',
          'Document',
          kind ? { ru: `${kind.ru}${number ? ` № ${number}` : ''}`, en: `${kind.en}${number ? ` No. ${number}` : ''}` } : null,
        ),
        ...fact('Магазин', 'Store', store),
        ...fact('Сумма', 'Amount', money(p['sum'] ?? p['total'] ?? p['result_sum'])),
        ...fact('Смена', 'Shift', first(p, 'session_number')),
      ];
    }
    case 'marketplacepurchase':
      return [
        ...wordsFact('Событие', 'Event', texts.title),
        ...fact('Тариф', 'Plan', first(p, 'planId', 'plan_id')),
        ...fact('Касс', 'Terminals', first(p, 'deviceNumber', 'device_number')),
      ];
    case 'device':
      return [
        ...fact('Устройство', 'Device', name),
        ...fact('Серийный номер', 'Serial number', words(first(p, 'serial_number', 'imei'))),
        ...fact('Магазин', 'Store', store),
        ...wordsFact('Что произошло', 'What happened', texts.title),
      ];
    case 'employee':
      return [
        ...wordsFact('Что произошло', 'What happened', texts.title),
        ...fact('Роль', 'Role', first(p, 'role')),
        ...fact('Телефон', 'Phone', first(p, 'phone')),
      ];
    case 'product':
      return [
        ...fact('Товар', 'Product', name),
        ...fact('Цена', 'Price', money(p['price'])),
        ...fact('Код', 'Code', first(p, 'code', 'article_number')),
        ...wordsFact('Что произошло', 'What happened', texts.title),
      ];
    case 'store':
      return [
        ...fact('Магазин', 'Store', name),
        ...fact('Адрес', 'Address', first(p, 'address')),
        ...wordsFact('Что произошло', 'What happened', texts.title),
      ];
    default:
      return [...wordsFact('Что произошло', 'What happened', texts.title), ...(store ? fact('Магазин', 'Store', store) : [])];
  }
}
