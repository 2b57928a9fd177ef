// The Russian production calendar (производственный календарь) for the years Feedbell knows, written as data from the
// Labour Code (ст. 112 ТК РФ) and the Government's yearly decrees on day transfers. Each year lists only what differs
// from Monday–Friday: weekdays that are not working days, and weekend days that are. Update it every autumn, when the
// next year's decree is published (usually in September–October).

export interface CalendarYear {
  /** The decree the year's transfers come from. */
  decree: string;
  /** Weekdays that are days off: holidays, and days off moved by the decree or by ст. 112 ч. 2, as MM-DD. */
  daysOff: readonly string[];
  /** Saturdays and Sundays that are working days (a transfer's other half), as MM-DD. */
  workingWeekends: readonly string[];
}

export const CALENDAR_YEARS: Readonly<Record<number, CalendarYear>> = {
  2025: {
    decree: 'Постановление Правительства РФ от 04.10.2024 № 1335',
    daysOff: [
      '01-01',
      '01-02',
      '01-03',
      '01-06',
      '01-07',
      '01-08',
      '05-01',
      '05-02', // from Sat 4 Jan
      '05-08', // from Sun 23 Feb
      '05-09',
      '06-12',
      '06-13', // from Sat 8 Mar
      '11-03', // from Sat 1 Nov, which is worked
      '11-04',
      '12-31', // from Sun 5 Jan
    ],
    workingWeekends: ['11-01'],
  },
  2026: {
    decree: 'Постановление Правительства РФ от 24.09.2025 № 1466',
    daysOff: [
      '01-01',
      '01-02',
      '01-05',
      '01-06',
      '01-07',
      '01-08',
      '01-09', // from Sat 3 Jan
      '02-23',
      '03-09', // Sun 8 Mar, by ст. 112 ч. 2
      '05-01',
      '05-11', // Sat 9 May, by ст. 112 ч. 2
      '06-12',
      '11-04',
      '12-31', // from Sun 4 Jan
    ],
    workingWeekends: [],
  },
  2027: {
    decree: 'Постановление Правительства РФ от 17.09.2026 № 1187',
    daysOff: [
      '01-01',
      '01-04',
      '01-05',
      '01-06',
      '01-07',
      '01-08',
      '02-22', // from Sat 20 Feb, which is worked
      '02-23',
      '03-08',
      '05-03', // Sat 1 May, by ст. 112 ч. 2
      '05-10', // Sun 9 May, by ст. 112 ч. 2
      '06-14', // Sat 12 Jun, by ст. 112 ч. 2
      '11-04',
      '11-05', // from Sat 2 Jan
      '12-31', // from Sun 3 Jan
    ],
    workingWeekends: ['02-20'],
  },
};
