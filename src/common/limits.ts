/** Longest needs text accepted, in a search and in a participant's record (it is embedded as one passage). */
export const MAX_NEEDS_LENGTH = 2000;
