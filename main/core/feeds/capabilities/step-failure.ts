// A capability step that failed, in words: a lead in both languages chosen by the error's kind, and the error's own
// words (the service's or the check's, untranslated) underneath.
import type { LocalizedText, StepFailure } from '../../../../preload/contract.ts';
import type { FeedError, FeedErrorKind } from '../../model.ts';

export function stepFailure(
  err: FeedError,
  leads: Partial<Record<FeedErrorKind, LocalizedText>>,
  otherwise: LocalizedText,
): StepFailure {
  return { ok: false, message: leads[err.kind] ?? otherwise, detail: err.hint ? `${err.message}. ${err.hint}` : err.message };
}
