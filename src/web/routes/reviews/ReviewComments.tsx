import { CommentsPanel } from '../../features/comments/CommentsPanel.tsx';

/**
 * The discussion of a person's review. The server shows it only to those who may see the review in full and to
 * the person reviewed; a peer reviewer gets nothing, so the panel is not offered to them.
 */
export function ReviewComments({ participantId, isVisible }: { participantId: string; isVisible: boolean }) {
  if (!isVisible) return null;
  return <CommentsPanel targetType="review" targetId={participantId} />;
}
