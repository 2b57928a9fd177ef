// The first run: the welcome card (no feed yet) offers the sample feed, and a note greets a first run that has feeds;
// both go once the user dismisses them or adds a feed.
import { useCallback, useEffect, useState } from 'react';
import type { FeedStatus } from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';

export interface WelcomeState {
  firstRun: boolean;
  dismissed: boolean;
  dismiss(): void;
  /** The sample feed is being added. */
  adding: boolean;
  addSample(onAdded: (status: FeedStatus) => void): void;
}

/** `initialFirstRun`: what the boot said; without it main is asked. */
export function useWelcome(report: (err: unknown) => void, initialFirstRun?: boolean): WelcomeState {
  const [firstRun, setFirstRun] = useState(initialFirstRun ?? false);
  const have = initialFirstRun !== undefined;
  const [dismissed, setDismissed] = useState(false);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    if (!have) call('app:info').then((info) => setFirstRun(info.firstRun), report);
  }, [report, have]);

  const dismiss = useCallback(() => setDismissed(true), []);

  const addSample = (onAdded: (status: FeedStatus) => void) => {
    setAdding(true);
    call('feeds:addSample').then(
      (status) => {
        setAdding(false);
        setDismissed(true);
        onAdded(status);
      },
      (err: unknown) => {
        setAdding(false);
        report(err);
      },
    );
  };

  return { firstRun, dismissed, dismiss, adding, addSample };
}
