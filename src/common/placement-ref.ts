/**
 * The placement's reference in anything that leaves the service (calendar feed, morning e-mail, webhook): the start of
 * its id, enough for a coordinator to tell their placements apart, and nothing of the person or the place — those are
 * seen after signing in. Here because follow-up/ and notifications/ both write it and notifications/ may not import
 * follow-up/.
 */
export function placementRef(placementId: string): string {
  return `No.${placementId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
