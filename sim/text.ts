/** Orders text by UTF-16 code units, as AWS's signing rules sort names (never by locale). */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
