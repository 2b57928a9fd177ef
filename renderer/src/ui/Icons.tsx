// Small inline SVG icons (no icon font or CDN: the CSP allows only 'self').
import type { ReactElement } from 'react';

function Svg({ children, size = 16 }: { children: ReactElement | ReactElement[]; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const SyncIcon = () => (
  <Svg>
    <path d="M13.5 8a5.5 5.5 0 0 1-9.9 3.3" />
    <path d="M2.5 8a5.5 5.5 0 0 1 9.9-3.3" />
    <path d="M12.7 1.8v2.9H9.8" />
    <path d="M3.3 14.2v-2.9h2.9" />
  </Svg>
);

export const PauseIcon = () => (
  <Svg>
    <path d="M5.5 3.5v9" />
    <path d="M10.5 3.5v9" />
  </Svg>
);

export const PlayIcon = () => (
  <Svg>
    <path d="M5 3.2v9.6l7.5-4.8z" />
  </Svg>
);

export const CheckAllIcon = () => (
  <Svg>
    <path d="M1.5 8.5l3 3 6-7" />
    <path d="M8 11.5l.5.5 6-7" />
  </Svg>
);

export const ExternalIcon = () => (
  <Svg>
    <path d="M9.5 2.5h4v4" />
    <path d="M13.5 2.5L7.5 8.5" />
    <path d="M12 9.5v3.5a.5.5 0 0 1-.5.5h-8a.5.5 0 0 1-.5-.5v-8a.5.5 0 0 1 .5-.5H7" />
  </Svg>
);

export const SearchIcon = () => (
  <Svg>
    <circle cx="7" cy="7" r="4.5" />
    <path d="M10.5 10.5l3.5 3.5" />
  </Svg>
);

export const BellIcon = ({ size = 20 }: { size?: number }) => (
  <Svg size={size}>
    <path d="M4 11.5V7a4 4 0 0 1 8 0v4.5l1.2 1.2H2.8z" />
    <path d="M6.6 14a1.5 1.5 0 0 0 2.8 0" />
  </Svg>
);

export const EnvelopeIcon = () => (
  <Svg>
    <rect x="2" y="3.5" width="12" height="9" rx="1" />
    <path d="M2.5 4.5L8 9l5.5-4.5" />
  </Svg>
);

export const EnvelopeOpenIcon = () => (
  <Svg>
    <path d="M2 7l6-4 6 4v5.5a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z" />
    <path d="M2.5 7.5L8 11l5.5-3.5" />
  </Svg>
);

export const PlusIcon = () => (
  <Svg>
    <path d="M8 3v10" />
    <path d="M3 8h10" />
  </Svg>
);

export const EditIcon = () => (
  <Svg>
    <path d="M10.8 2.7l2.5 2.5-7.6 7.6-3.2.7.7-3.2z" />
    <path d="M9.5 4l2.5 2.5" />
  </Svg>
);

export const CalendarIcon = () => (
  <Svg>
    <rect x="2.5" y="3.5" width="11" height="10" rx="1.5" />
    <path d="M2.5 6.5h11M5.5 2v3M10.5 2v3" />
  </Svg>
);

export const FilterIcon = () => (
  <Svg>
    <path d="M2.5 3.5h11l-4.2 5v4l-2.6 1.2V8.5z" />
  </Svg>
);

/** An exclamation in a triangle: overdue (beside the word, never colour alone). */
export const AlertIcon = () => (
  <Svg>
    <path d="M8 2 14.5 13.5h-13L8 2Z" />
    <path d="M8 6.5v3.2M8 11.8v.01" />
  </Svg>
);

/** A clock: due today. */
export const ClockIcon = () => (
  <Svg>
    <circle cx="8" cy="8" r="6" />
    <path d="M8 4.8V8l2.2 1.6" />
  </Svg>
);

/** A tick: an item done. */
export const CheckIcon = () => (
  <Svg>
    <path d="m3 8.5 3 3 7-7" />
  </Svg>
);
