// Kontur's web sites: its services' pages live under kontur.ru, its public test stands under testkontur.ru.
export const KONTUR_LINK_HOSTS: readonly string[] = ['kontur.ru', 'testkontur.ru'];
