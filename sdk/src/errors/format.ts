// TEMPORARY stub until errcat lands.
export const shortAddress = (a: string) => a;
