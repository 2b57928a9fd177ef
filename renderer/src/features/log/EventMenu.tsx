// The event row's context menu: «Не уведомлять о таких событиях», «Отметить прочитанным» (or «непрочитанным»),
// «Открыть в сервисе» when the event has a link to its service. A menu as the keyboard expects: focus on the first item,
// ↑/↓/Home/End move, Enter or Space choose, Esc or a click elsewhere close it and the list gets the keyboard back.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useProviders } from '../../providers/ProvidersContext.ts';
import { providerLink } from '../../text/remote-text.ts';
import type { EventMenuAt } from './useEventMenu.ts';

export interface EventMenuProps {
  at: EventMenuAt;
  onMute(): void;
  onSetRead(read: boolean): void;
  onClose(): void;
}

function backToList() {
  document.querySelector<HTMLElement>('[data-testid="event-list"]')?.focus();
}

export function EventMenu({ at, onMute, onSetRead, onClose }: EventMenuProps) {
  const { t } = useI18n();
  const providers = useProviders();
  const menu = useRef<HTMLDivElement | null>(null);
  const [place, setPlace] = useState({ left: at.x, top: at.y });
  const link = providerLink(at.item.link, providers.linkHosts);

  const entries = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  // Inside the window whatever the click's place; the first item takes the keyboard.
  useLayoutEffect(() => {
    const node = menu.current;
    if (!node) return;
    const { width, height } = node.getBoundingClientRect();
    setPlace({
      left: Math.max(4, Math.min(at.x, window.innerWidth - width - 4)),
      top: Math.max(4, Math.min(at.y, window.innerHeight - height - 4)),
    });
    node.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [at]);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    window.addEventListener('blur', onClose);
    return () => {
      document.removeEventListener('mousedown', away);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  const choose = (act: () => void) => () => {
    act();
    onClose();
    backToList();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = entries();
    const current = items.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') go(current + 1);
    else if (e.key === 'ArrowUp') go(current - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      onClose();
      backToList();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={menu}
      className="event-menu"
      role="menu"
      aria-label={t.eventMenu.label}
      data-testid="event-menu"
      style={{ left: place.left, top: place.top }}
      onKeyDown={onKeyDown}
    >
      <button type="button" role="menuitem" tabIndex={-1} onClick={choose(onMute)}>
        {t.eventMenu.mute}
      </button>
      <button type="button" role="menuitem" tabIndex={-1} onClick={choose(() => onSetRead(!at.item.read))}>
        {at.item.read ? t.eventMenu.markUnread : t.eventMenu.markRead}
      </button>
      {link && (
        // Closed after the click: an anchor removed during its click would not open its link.
        <a role="menuitem" tabIndex={-1} href={link} target="_blank" rel="noreferrer" onClick={() => setTimeout(onClose)}>
          {t.eventMenu.open}
        </a>
      )}
    </div>
  );
}
