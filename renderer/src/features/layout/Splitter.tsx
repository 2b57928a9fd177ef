// A handle between two panes: drag it, or focus it and press ←/→, to change a pane's width.
import type { KeyboardEvent, PointerEvent } from 'react';

export interface SplitterProps {
  label: string;
  /** The width it controls, px, and its bounds. */
  value: number;
  min: number;
  max: number;
  /** +1: dragging right widens the pane (the sidebar); -1: dragging right narrows it (the detail). */
  direction: 1 | -1;
  className: string;
  /** A new width; `done` once the drag ends or for a key press (the width is then kept). */
  onChange(px: number, done: boolean): void;
}

const STEP = 16;

export function Splitter({ label, value, min, max, direction, className, onChange }: SplitterProps) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const start = value;
    let last = start;
    const move = (e: globalThis.PointerEvent) => {
      last = start + direction * (e.clientX - startX);
      onChange(last, false);
    };
    const up = () => {
      onChange(last, true);
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = event.key === 'ArrowRight' ? STEP : event.key === 'ArrowLeft' ? -STEP : 0;
    if (delta === 0) return;
    event.preventDefault();
    onChange(value + direction * delta, true);
  };
  return (
    <div
      className={`splitter ${className}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
