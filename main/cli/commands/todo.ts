// `feedbell todo`: «Требует действия» as the app shows it: open items of the configured feeds, the nearest deadline
// first, from what `feedbell sync` (or the app) stored; reads the log, never polls.
import { existsSync } from 'node:fs';
import type { ActionList, Language } from '../../../preload/contract.ts';
import { termWords } from '../../core/actions/action-words.ts';
import { BUILT_IN_PROVIDERS } from '../../core/feeds/registry.ts';
import { silentLogger, systemClock } from '../../core/ports.ts';
import { ActionService } from '../../core/services/action-service.ts';
import { CliError, EXIT_OK, PROGRAM, parseOptions, usageError, type CliIo, type CommandSpec } from '../cli-support.ts';
import { databasePath, loadFeedsConfig, openEventLog, resolveDataDir } from '../config-file.ts';

const HELP = `Usage: ${PROGRAM} todo --config <file> [--data-dir <dir>] [--all] [--json] [--lang <ru|en>]

Lists what needs your action («Требует действия»): tax and SFR demands to send a
receipt for or to answer, documents waiting for your signature; the nearest
deadline first, with the working days left by the Russian production calendar.
Run "${PROGRAM} sync" first: it stores the events the list is made from.

  --config <file>    the feeds config file (JSON, see docs/CLI.md)            required
  --all              also the items closed by the service or marked done
  --json             the list as one JSON document:
                     {"items":[{"id","feedId","feedName","provider","title","organisation",
                     "action","step","arrivedAt","deadline":{"date","source"}|null,
                     "nextDeadline","workingDaysLeft","overdue","calendarUnknown","link",
                     "eventKey","state","closedAt"}],"calendarWarning"}
                     deadline.source is "service" (the service gave the date) or
                     "computed" (Feedbell counted it from the law)
  --lang <ru|en>     language of the table (default ru)
  --data-dir <dir>   folder of the event log (default: the app's own data folder)
  -h, --help         show this help

Exit codes: 0 listed (possibly nothing); 1 no event log in the data folder, or it
could not be read; 2 bad usage or an invalid config file.`;

const OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  all: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
} as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const o = parseOptions('todo', args, OPTIONS);
  if (o.config === undefined) throw new CliError(2, `todo: --config <file> is required (see "${PROGRAM} todo --help")`);
  let lang: Language = 'ru';
  if (o.lang !== undefined) {
    if (o.lang !== 'ru' && o.lang !== 'en') throw usageError('todo', `--lang "${o.lang}" must be ru or en`);
    lang = o.lang;
  }
  const feeds = loadFeedsConfig(o.config);
  const file = databasePath(resolveDataDir(o['data-dir'], io.env));
  if (!existsSync(file)) throw new CliError(1, `no event log at ${file} (run "${PROGRAM} sync" first, or pass --data-dir)`);
  const store = openEventLog(file);
  try {
    const actions = new ActionService({
      store,
      providers: BUILT_IN_PROVIDERS,
      feeds: () => feeds,
      clock: systemClock,
      log: silentLogger,
    });
    const list = actions.list({ includeClosed: o.all === true });
    if (o.json) io.out(JSON.stringify(list));
    else printList(io, list, actions.today(), lang);
  } finally {
    store.close();
  }
  return EXIT_OK;
}

function printList(io: CliIo, list: ActionList, today: string, lang: Language): void {
  const open = list.items.filter((item) => item.state === 'open').length;
  io.out(lang === 'ru' ? `Требует действия: ${open}` : `Needs your action: ${open}`);
  for (const item of list.items) {
    const state =
      item.state === 'open'
        ? termWords(item, today, lang)
        : item.state === 'done'
          ? lang === 'ru'
            ? 'отмечено выполненным'
            : 'marked done'
          : lang === 'ru'
            ? 'выполнено'
            : 'done';
    const who = item.organisation ? ` · ${item.organisation}` : '';
    io.out(`${item.overdue ? '!' : item.state === 'open' ? '•' : ' '} ${item.action[lang]}: ${item.title[lang]}${who}`);
    io.out(`    ${state} · ${item.feedName}${item.link ? ` · ${item.link}` : ''}`);
  }
  if (list.calendarWarning) io.err(list.calendarWarning[lang]);
}

export const todoCommand: CommandSpec = {
  name: 'todo',
  summary: 'list what needs your action (demands, documents to sign), nearest deadline first',
  help: HELP,
  run,
};
