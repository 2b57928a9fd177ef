// A service's text in the detail pane: a few lines at most, with «Показать полностью» for the whole of it.
// A 100 KB title must not make a heading thousands of pixels tall, and the user must still be able to read it all.
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import { cleanText, clipText, isLonger } from '../../text/remote-text.ts';
import { Highlighted } from './Highlighted.tsx';

export interface ExpandableTextProps {
  text: string;
  /** Characters shown before «Показать полностью»; CSS also clamps the lines (the `clamped` class). */
  max: number;
  as?: 'h2' | 'div';
  className: string;
  testId?: string;
  /** The search's words, highlighted. */
  search?: string;
}

export function ExpandableText({ text, max, as: Tag = 'div', className, testId, search = '' }: ExpandableTextProps) {
  const i18n = useI18n();
  const id = useId();
  const clean = useMemo(() => cleanText(text), [text]);
  const long = useMemo(() => isLonger(clean, max), [clean, max]);
  const [expanded, setExpanded] = useState(false);
  // Short text in a narrow pane can still overflow the clamped lines. Give the component a new key for new text.
  const [overflows, setOverflows] = useState(false);
  const box = useRef<HTMLHeadingElement & HTMLDivElement>(null);
  useLayoutEffect(() => {
    const node = box.current;
    if (!node || expanded) return;
    const measure = () => setOverflows(node.scrollHeight > node.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [expanded]);

  return (
    <>
      <Tag
        ref={box}
        id={id}
        dir="auto"
        className={`${className} remote-text ${expanded ? 'expanded' : 'clamped'}`}
        data-testid={testId}
        data-expanded={expanded}
      >
        <Highlighted text={expanded ? clean : clipText(clean, max)} search={search} />
      </Tag>
      {(long || overflows || expanded) && (
        <button
          type="button"
          className="link-button text-toggle"
          aria-expanded={expanded}
          aria-controls={id}
          data-testid={testId ? `${testId}-toggle` : undefined}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? i18n.t.detail.showLess : i18n.t.detail.showAll}
        </button>
      )}
    </>
  );
}
