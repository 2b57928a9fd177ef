// The window's keys: "/" focuses the search box from anywhere but a text field; the first Tab (nothing focused yet)
// goes to the search box; Esc closes the open event's detail (unless something smaller, a calendar, took it first).
import { useEffect, useRef, type RefObject } from 'react';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The ref to give the search box; `onEscape` is called for an Esc nothing else handled. */
export function useSearchShortcut(onEscape?: () => void): RefObject<HTMLInputElement | null> {
  const searchRef = useRef<HTMLInputElement | null>(null);
  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  }, [onEscape]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/' && !isTextField(event.target)) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === 'Tab' && !event.shiftKey && document.activeElement === document.body && searchRef.current) {
        event.preventDefault();
        searchRef.current.focus();
      } else if (event.key === 'Escape' && escape.current) {
        // In the search box Esc first clears the text (the browser's own); an empty box passes it on.
        if (event.target === searchRef.current && searchRef.current?.value) return;
        escape.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return searchRef;
}
