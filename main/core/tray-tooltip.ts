// The tray icon's tooltip: the unread count and the feeds in trouble, without bidi controls, short enough for Windows.
import type { ActionCounts, FeedStatus, Language } from '../../preload/contract.ts';
import { displayLine } from './text/untrusted-text.ts';

/** Windows keeps 127 UTF-16 units of a tray tooltip (NOTIFYICONDATA.szTip is 128 with the NUL) and drops the rest. */
export const TRAY_TOOLTIP_MAX = 127;
/** One failing feed's line: its name and what is wrong, as much as a tooltip line can show. */
const PROBLEM_LINE_MAX = 60;
const FEED_NAME_MAX = 24;

export function trayTooltip(feeds: readonly FeedStatus[], language: Language, actions?: ActionCounts): string {
  const ru = language === 'ru';
  const unread = feeds.reduce((sum, feed) => sum + feed.unread, 0);
  const lines = [ru ? `Feedbell: непрочитанных ${unread}` : `Feedbell: ${unread} unread`];
  if (actions && actions.open > 0) lines.push(actionsLine(actions, ru));
  const problems = feeds.filter((feed) => feed.phase === 'error').map((feed) => problemLine(feed, language));
  for (const [i, problem] of problems.entries()) {
    const left = problems.length - i;
    // Keep room for the "and N more" line unless this is the last problem.
    const reserve = left > 1 ? moreLine(left - 1, ru).length + 1 : 0;
    if (joinedLength([...lines, problem]) + reserve <= TRAY_TOOLTIP_MAX) {
      lines.push(problem);
    } else {
      lines.push(moreLine(left, ru));
      break;
    }
  }
  return fitUnits(lines.join('\n'), TRAY_TOOLTIP_MAX);
}

/** «Требует действия: 3, просрочено: 1». */
export function actionsLine(actions: ActionCounts, ru: boolean): string {
  const overdue = actions.overdue > 0 ? (ru ? `, просрочено: ${actions.overdue}` : `, ${actions.overdue} overdue`) : '';
  return ru ? `Требует действия: ${actions.open}${overdue}` : `Needs your action: ${actions.open}${overdue}`;
}

function problemLine(feed: FeedStatus, language: Language): string {
  // The plain-words summary when there is one: the technical message is for the window, where there is room.
  const reason = feed.lastError?.summary?.[language] || feed.lastError?.message || '';
  return fitUnits(displayLine(`⚠ ${displayLine(feed.name, FEED_NAME_MAX)}: ${reason}`, PROBLEM_LINE_MAX), PROBLEM_LINE_MAX);
}

function moreLine(count: number, ru: boolean): string {
  return ru ? `…ещё с ошибкой: ${count}` : `…${count} more failing`;
}

function joinedLength(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length, 0) + lines.length - 1;
}

/** At most `max` UTF-16 units (what Windows counts), cut at a whole character with "…". */
function fitUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}
