/**
 * Who sees what of a person's review. Admins and owners see everything in their workspace; the person's reviewing
 * manager and the cycle's creator see the participant in full; the reviewee sees their own self review, and — once
 * signed off — the manager's and the peers' reviews, the peers' without names when the template says so; anyone
 * else sees only the reviews they write themselves.
 */

export type ReviewViewer = { userId: string; isAdmin: boolean };
export type ParticipantAccess = {
  revieweeId: string;
  managerId: string | null;
  cycleCreatorId: string | null;
  signedOff: boolean;
};
export type ReviewRef = { reviewerId: string; kind: 'self' | 'peer' | 'manager'; submitted: boolean };

/** Sees the participant in full: scorecard, every review with its author, calibration. */
export function seesAll(viewer: ReviewViewer, participant: ParticipantAccess): boolean {
  return (
    viewer.isAdmin || viewer.userId === participant.managerId || viewer.userId === participant.cycleCreatorId
  );
}

/** Sees the participant at all (their name, the period, the reviews they are allowed). */
export function seesParticipant(
  viewer: ReviewViewer,
  participant: ParticipantAccess,
  reviews: readonly ReviewRef[],
): boolean {
  return (
    seesAll(viewer, participant) ||
    viewer.userId === participant.revieweeId ||
    reviews.some((review) => review.reviewerId === viewer.userId)
  );
}

/** Sees the scorecard computed from data: the people who review on it and the person it is about. */
export function seesScorecard(viewer: ReviewViewer, participant: ParticipantAccess): boolean {
  return seesAll(viewer, participant) || viewer.userId === participant.revieweeId;
}

export type ReviewVisibility = 'hidden' | 'attributed' | 'anonymous';

/** How one review shows to the viewer: not at all, with its author's name, or without it. */
export function reviewVisibility(
  viewer: ReviewViewer,
  participant: ParticipantAccess,
  review: ReviewRef,
  peerAnonymous: boolean,
): ReviewVisibility {
  if (review.reviewerId === viewer.userId || seesAll(viewer, participant)) return 'attributed';
  if (viewer.userId !== participant.revieweeId || !participant.signedOff || !review.submitted)
    return 'hidden';
  return review.kind === 'peer' && peerAnonymous ? 'anonymous' : 'attributed';
}
