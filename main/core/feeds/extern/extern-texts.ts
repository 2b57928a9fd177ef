// Human texts for Kontur.Extern events, in Russian and English: docflow types (urn:docflow:*) and the
// docflow states the event feed reports in `new-state` (urn:transaction:*), after the docs' lists
// "Типы документооборотов" and "Статусы ленты событий". Unknown values are shown raw, never rejected.
import type { LocalizedText } from '../../model.ts';

/** The authority a docflow goes to: `by` after "принят", `of` after "из"/"требование". */
interface Authority {
  by: string;
  of: string;
  en: string;
}

const FNS: Authority = { by: 'ФНС', of: 'ФНС', en: 'the tax service' };
const PFR: Authority = { by: 'ПФР', of: 'ПФР', en: 'the Pension Fund' };
const SFR: Authority = { by: 'СФР', of: 'СФР', en: 'the Social Fund' };
const STAT: Authority = { by: 'Росстатом', of: 'Росстата', en: 'Rosstat' };
const CBRF: Authority = { by: 'ЦБ РФ', of: 'ЦБ РФ', en: 'the Bank of Russia' };
const MVD: Authority = { by: 'МВД', of: 'МВД', en: 'the Interior Ministry' };
const SOME: Authority = { by: 'контролирующим органом', of: 'контролирующего органа', en: 'the authority' };

/** Docflow types by the part after "urn:docflow:". */
const DOCFLOW_TEXT: Record<string, LocalizedText> = {
  'fns534-report': { ru: 'Отчётность в ФНС', en: 'Tax report (FNS)' },
  'fns534-ion': { ru: 'Запрос ИОН в ФНС', en: 'Information request to the tax service (ION)' },
  'fns534-letter': { ru: 'Письмо в ФНС', en: 'Letter to the tax service' },
  'fns534-cu-letter': { ru: 'Письмо из ФНС', en: 'Letter from the tax service' },
  'fns534-submission': { ru: 'Представление в ФНС', en: 'Submission to the tax service' },
  'fns534-inventory': { ru: 'Опись: ответ на требование ФНС', en: 'Inventory: reply to a tax service demand' },
  'fns534-demand': { ru: 'Требование ФНС', en: 'Tax service demand' },
  'fns534-application': { ru: 'Заявление в ФНС', en: 'Application to the tax service' },
  'fns534-cu-broadcast': { ru: 'Рассылка ФНС', en: 'Tax service mailing' },
  'business-registration': { ru: 'Регистрация бизнеса', en: 'Business registration' },
  'pfr-report': { ru: 'Отчётность в ПФР', en: 'Pension Fund report (PFR)' },
  'pfr-letter': { ru: 'Письмо в ПФР', en: 'Letter to the Pension Fund' },
  'pfr-cu-letter': { ru: 'Письмо из ПФР', en: 'Letter from the Pension Fund' },
  'pfr-ios': { ru: 'Уточнение платежей в ПФР', en: 'Pension Fund payment reconciliation' },
  'pfr-ancillary': { ru: 'Служебный документ ПФР', en: 'Pension Fund service document' },
  'sfr-report': { ru: 'Отчётность в СФР', en: 'Social Fund report (SFR)' },
  'fss-report': { ru: 'Расчёт 4-ФСС', en: '4-FSS calculation' },
  'fss-sedo-demand': { ru: 'Требование СФР', en: 'Social Fund demand' },
  'fss-sedo-demand-reply': { ru: 'Ответ на требование СФР', en: 'Reply to a Social Fund demand' },
  'fss-sedo-appeal': { ru: 'Обращение СФР', en: 'Social Fund inquiry' },
  'fss-sedo-broadcast-message': { ru: 'Рассылка СФР (СЭДО)', en: 'Social Fund mailing (SEDO)' },
  'stat-report': { ru: 'Отчётность в Росстат', en: 'Rosstat report' },
  'stat-letter': { ru: 'Письмо в Росстат', en: 'Letter to Rosstat' },
  'stat-cu-letter': { ru: 'Письмо из Росстата', en: 'Letter from Rosstat' },
  'stat-cu-broadcast': { ru: 'Рассылка Росстата', en: 'Rosstat mailing' },
  'cbrf-report': { ru: 'Отчётность в ЦБ РФ', en: 'Bank of Russia report' },
  'mvd-notification': { ru: 'Уведомление в МВД', en: 'Notification to the Interior Ministry' },
};

type StateText = (a: Authority) => LocalizedText;

/** Docflow states by the part after "urn:transaction:"; the same state reads alike for every docflow type. */
const STATE_TEXT: Record<string, StateText> = {
  report: () => ({ ru: 'Отчёт отправлен', en: 'Report sent' }),
  'report-receipt': (a) => ({ ru: `Отчёт получен ${a.by}`, en: `Report received by ${a.en}` }),
  'receipt-date-confirmation-cu': () => ({ ru: 'Подтверждена дата отправки', en: 'Sending date confirmed' }),
  'receipt-date-confirmation-abonent': () => ({ ru: 'Подтверждена дата отправки', en: 'Sending date confirmed' }),
  'acceptance-result-positive': (a) => ({ ru: `Отчёт принят ${a.by}`, en: `Report accepted by ${a.en}` }),
  'acceptance-result-negative': (a) => ({ ru: `Отчёт не принят ${a.by}`, en: `Report rejected by ${a.en}` }),
  'processing-result-ok': (a) => ({ ru: `Отчёт обработан ${a.by}`, en: `Report processed by ${a.en}` }),
  'processing-result-precise': () => ({ ru: 'Отчёт принят, нужны уточнения', en: 'Report accepted, clarification needed' }),
  'acceptance-result-2ndfl': () => ({ ru: 'Отчёт 2-НДФЛ принят', en: '2-NDFL report accepted' }),
  request: () => ({ ru: 'Запрос отправлен', en: 'Request sent' }),
  'receipt-request-cu': () => ({ ru: 'Запрос получен инспекцией', en: 'Request received by the tax office' }),
  'receipt-acceptance-result-abonent': () => ({ ru: 'Результат приёма получен', en: 'Acceptance result received' }),
  'receipt-acceptance-result-provider': () => ({
    ru: 'Результат приёма получен оператором',
    en: 'Acceptance result received by the operator',
  }),
  response: (a) => ({ ru: `Получен ответ ${a.of}`, en: `Reply from ${a.en}` }),
  'receipt-response-abonent': () => ({ ru: 'Ответ получен', en: 'Reply received' }),
  'receipt-response-provider': () => ({ ru: 'Ответ получен оператором', en: 'Reply received by the operator' }),
  'respondent-letter': () => ({ ru: 'Письмо отправлено', en: 'Letter sent' }),
  'respondent-letter-receipt': () => ({ ru: 'Письмо доставлено', en: 'Letter delivered' }),
  'respondent-upfr-error': () => ({ ru: 'Ошибка приёма письма в ПФР', en: 'The Pension Fund failed to accept the letter' }),
  'receipt-cu': () => ({ ru: 'Доставлено в инспекцию', en: 'Delivered to the authority' }),
  decline: () => ({ ru: 'В обработке отказано', en: 'Processing declined' }),
  'cu-letter': (a) => ({ ru: `Письмо из ${a.of}`, en: `Letter from ${a.en}` }),
  'cu-group-letter': (a) => ({ ru: `Рассылка ${a.of}`, en: `Mailing from ${a.en}` }),
  'cu-letter-receipt': () => ({ ru: 'Письмо прочитано', en: 'Letter read' }),
  'cu-upfr-error': () => ({ ru: 'Ошибка ПФР при приёме квитанции', en: 'The Pension Fund failed to accept the receipt' }),
  'date-confirmation': () => ({ ru: 'Подтверждена дата получения', en: 'Receipt date confirmed' }),
  'letter-receipt-abonent': () => ({ ru: 'Письмо прочитано', en: 'Letter read' }),
  'group-letter-receipt-abonent': () => ({ ru: 'Рассылка прочитана', en: 'Mailing read' }),
  message: () => ({ ru: 'Представление отправлено', en: 'Submission sent' }),
  document: (a) => ({ ru: `Требование ${a.of}`, en: `Demand from ${a.en}` }),
  'receipt-abonent': () => ({ ru: 'Требование прочитано', en: 'Demand read' }),
  'receiption-result-abonent-positive': () => ({ ru: 'Отправлена квитанция о приёме требования', en: 'Demand receipt sent' }),
  'receiption-result-abonent-negative': () => ({ ru: 'Отправлен отказ от требования', en: 'Demand refusal sent' }),
  'receiption-result-cu': () => ({ ru: 'Инспекция получила квитанцию', en: 'The tax office got the receipt' }),
  application: () => ({ ru: 'Заявление отправлено', en: 'Application sent' }),
  'processing-result-v2-positive': () => ({ ru: 'Заявление обработано', en: 'Application processed' }),
  'processing-result-v2-negative': () => ({ ru: 'Отказано в отметке на заявлении', en: 'Application mark refused' }),
  'receipt-processing-result-v2-abonent': () => ({
    ru: 'Результат обработки заявления получен',
    en: 'Application result received',
  }),
  'report-acknowledgement': (a) => ({ ru: `Отчёт доставлен в ${a.of}`, en: `Report delivered to ${a.en}` }),
  'protocol-positive': (a) => ({ ru: `Отчёт принят ${a.by}`, en: `Report accepted by ${a.en}` }),
  'protocol-negative': (a) => ({ ru: `Отчёт не принят ${a.by}`, en: `Report rejected by ${a.en}` }),
  'protocol-receipt': () => ({ ru: 'Протокол получен', en: 'Protocol received' }),
  'report-upfr-error': () => ({ ru: 'Ошибка приёма отчёта в ПФР', en: 'The Pension Fund failed to process the report' }),
  'stat-report-receipt-report-cu': () => ({ ru: 'Отчёт доставлен в Росстат', en: 'Report delivered to Rosstat' }),
  'protocol-receipt-abonent': () => ({ ru: 'Протокол получен', en: 'Protocol received' }),
  'protocol-v2-receipt-abonent': () => ({ ru: 'Протокол получен', en: 'Protocol received' }),
  'protocol-success': (a) => ({ ru: `Отчёт принят ${a.by}`, en: `Report accepted by ${a.en}` }),
  'protocol-v2-success': (a) => ({ ru: `Отчёт принят ${a.by}`, en: `Report accepted by ${a.en}` }),
  'protocol-fail': (a) => ({ ru: `Отчёт не принят ${a.by}`, en: `Report rejected by ${a.en}` }),
  'protocol-v2-fail': (a) => ({ ru: `Отчёт не принят ${a.by}`, en: `Report rejected by ${a.en}` }),
  'protocol-v2-conditional-success': () => ({ ru: 'Отчёт принят, нужны уточнения', en: 'Report accepted, clarification needed' }),
  'letter-respondent': () => ({ ru: 'Письмо отправлено', en: 'Letter sent' }),
  'receipt-letter-cu': () => ({ ru: 'Письмо доставлено', en: 'Letter delivered' }),
  'letter-cu': (a) => ({ ru: `Письмо из ${a.of}`, en: `Letter from ${a.en}` }),
  'receipt-letter-abonent': () => ({ ru: 'Письмо прочитано', en: 'Letter read' }),
  'letter-timeconf': () => ({ ru: 'Подтверждена дата получения письма', en: 'Letter receipt date confirmed' }),
  'acceptance-result': () => ({ ru: 'Файл доставлен на портал ФСС', en: 'File delivered to the FSS portal' }),
  'processing-result-negative': () => ({
    ru: 'Ошибка расшифровки или форматного контроля',
    en: 'Decryption or format check failed',
  }),
  'processing-result-suppositive': () => ({ ru: 'Ошибка логического контроля', en: 'Logical check failed' }),
  'processing-result-positive': () => ({ ru: 'Сформирована квитанция', en: 'Receipt issued' }),
};

/** Where the generic "report" wording would be wrong: the docflow's own noun, by docflow type and state. */
const OVERRIDES: Record<string, Record<string, StateText>> = {
  'fns534-ion': {
    'acceptance-result-positive': () => ({
      ru: 'Запрос ИОН принят инспекцией',
      en: 'Information request accepted by the tax office',
    }),
    'acceptance-result-negative': () => ({
      ru: 'Запрос ИОН не принят инспекцией',
      en: 'Information request rejected by the tax office',
    }),
  },
  'fns534-submission': {
    'acceptance-result-positive': () => ({ ru: 'Представление принято ФНС', en: 'Submission accepted by the tax service' }),
    'acceptance-result-negative': () => ({ ru: 'Представление не принято ФНС', en: 'Submission rejected by the tax service' }),
  },
  'fns534-inventory': {
    'acceptance-result-positive': () => ({
      ru: 'Ответ на требование принят ФНС',
      en: 'Demand reply accepted by the tax service',
    }),
    'acceptance-result-negative': () => ({
      ru: 'Ответ на требование не принят ФНС',
      en: 'Demand reply rejected by the tax service',
    }),
  },
  'fns534-application': {
    'acceptance-result-positive': () => ({ ru: 'Заявление принято ФНС', en: 'Application accepted by the tax service' }),
    'acceptance-result-negative': () => ({ ru: 'Заявление не принято ФНС', en: 'Application rejected by the tax service' }),
  },
};

const DOCFLOW_PREFIX = 'urn:docflow:';
const STATE_PREFIX = 'urn:transaction:';

function shortName(urn: string | null | undefined, prefix: string): string | null {
  if (!urn) return null;
  return urn.toLowerCase().startsWith(prefix) ? urn.slice(prefix.length).toLowerCase() : null;
}

function authorityOf(docflow: string | null): Authority {
  if (!docflow) return SOME;
  if (docflow.startsWith('fns') || docflow === 'business-registration') return FNS;
  if (docflow.startsWith('pfr')) return PFR;
  if (docflow.startsWith('sfr') || docflow.startsWith('fss')) return SFR;
  if (docflow.startsWith('stat')) return STAT;
  if (docflow.startsWith('cbrf')) return CBRF;
  if (docflow.startsWith('mvd')) return MVD;
  return SOME;
}

/** The docflow type in words; an unknown URN is shown as sent, a missing one generically. */
export function docflowText(docflowType: string | null | undefined): LocalizedText {
  const name = shortName(docflowType, DOCFLOW_PREFIX);
  const known = name ? DOCFLOW_TEXT[name] : undefined;
  if (known) return known;
  if (name?.startsWith('fss-sedo-')) return { ru: `Сообщение СЭДО СФР (${name})`, en: `Social Fund SEDO message (${name})` };
  if (docflowType) return { ru: `Документооборот ${docflowType}`, en: `Docflow ${docflowType}` };
  return { ru: 'Документооборот', en: 'Docflow' };
}

/** The event's title: the new state in words, e.g. "Отчёт принят ФНС"; unknown states are shown raw. */
export function stateTitle(newState: string | null | undefined, docflowType: string | null | undefined): LocalizedText {
  const docflow = shortName(docflowType, DOCFLOW_PREFIX);
  const state = shortName(newState, STATE_PREFIX);
  const text = (state && docflow && OVERRIDES[docflow]?.[state]) || (state ? STATE_TEXT[state] : undefined);
  if (text) return text(authorityOf(docflow));
  if (newState) return { ru: `Новый статус документооборота: ${newState}`, en: `Docflow status changed: ${newState}` };
  return { ru: 'Изменение в документообороте', en: 'Docflow changed' };
}

/** The types the normalizer stores (a docflow type without "urn:docflow:"), in words: the type filter. */
export const EXTERN_TYPE_NAMES: Record<string, LocalizedText> = {
  ...DOCFLOW_TEXT,
  docflow: { ru: 'Документооборот', en: 'Docflow' },
};
