/** Longest needs text accepted, in a search and in a participant's record (it is embedded as one passage). */
export const MAX_NEEDS_LENGTH = 2000;

/**
 * Lists count their rows exactly up to this many (a count that stops here, so it never scans a large table per page);
 * above it the total is the planner's estimate, marked `totalEstimated: true` (docs/lists.md).
 */
export const EXACT_TOTAL_LIMIT = 2_000;
