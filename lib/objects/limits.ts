/** The object browser's sizes and bounds, shared by the browser and the server. */

/** How long a share link lasts: one hour to seven days (the longest S3 signs). */
export const SHARE_SECONDS = { min: 3600, max: 7 * 24 * 3600 } as const;
/** The browser sends a file larger than this in parts of this size (S3 wants at least 5 MiB but the last). */
export const PART_BYTES = 8 * 1024 * 1024;
/** The largest body one upload request may carry through the console. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
/** S3's own limits: parts are numbered 1 to 10,000, and a batch delete names at most 1,000 keys. */
export const MAX_PARTS = 10_000;
export const DELETE_BATCH = 1000;
