/** The shortest password a staff account may have. */
export const MIN_PASSWORD = 12;
